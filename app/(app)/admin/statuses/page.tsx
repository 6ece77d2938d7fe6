import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { countClaimsByStatus, listStatuses } from "@/lib/statuses/data";
import { StatusScaleEditor } from "@/components/statuses/status-scale-editor";

export const metadata = { title: "Status scale" };

export default async function StatusesPage() {
  const user = await requireUser();
  if (!can(user, "statuses:manage")) notFound();
  const [statuses, usage] = await Promise.all([listStatuses(), countClaimsByStatus(user)]);
  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">Status scale</h1>
      <StatusScaleEditor initial={statuses} usage={usage} />
    </div>
  );
}

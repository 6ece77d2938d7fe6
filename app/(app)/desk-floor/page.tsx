import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Empty page" };

/**
 * An empty page inside the app's layout (header, session, unread count): `npm run bench -- queues`
 * measures it beside the desk pages as the floor of Next's page machinery. Not linked anywhere;
 * it answers 404 unless the server runs with BENCH_EMPTY_PAGE=1.
 */
export default async function EmptyPage() {
  if (process.env.BENCH_EMPTY_PAGE !== "1") notFound();
  await requireUser();
  return <div className="mx-auto max-w-7xl px-4 py-6" />;
}

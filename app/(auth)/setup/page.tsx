import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/users/data";
import { createFirstAdminAction } from "@/lib/users/actions";

export const metadata = { title: "Create the first admin" };

export default async function SetupPage() {
  // Closed for good once any user exists.
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <AuthCard title="Create the first admin" intro="This newsroom has no accounts yet. The first account is an admin, who can then invite the team.">
      <SetupForm action={createFirstAdminAction} />
    </AuthCard>
  );
}

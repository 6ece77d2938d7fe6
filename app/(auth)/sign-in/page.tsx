import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/session";
import { hasAnyUser } from "@/lib/users/data";

export const metadata = { title: "Sign in" };

function safeNext(next: string | undefined) {
  // Only same-site paths: never an open redirect.
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/articles";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const { next } = await searchParams;
  if (await getCurrentUser()) redirect(safeNext(next));
  return (
    <AuthCard title="Sign in" intro="Verify claims, record verdicts and publish reports.">
      <SignInForm next={safeNext(next)} />
    </AuthCard>
  );
}

import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/session";
import { hasAnyUser } from "@/lib/users/data";
import { safeNextPath as safeNext } from "@/lib/http/redirect";

export const metadata = { title: "Sign in" };


export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const { next: raw } = await searchParams;
  const next = Array.isArray(raw) ? raw[0] : raw;
  if (await getCurrentUser()) redirect(safeNext(next));
  return (
    <AuthCard title="Sign in" intro="Verify claims, record verdicts and publish reports.">
      <SignInForm next={safeNext(next)} />
    </AuthCard>
  );
}

import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getCurrentSession } from "@/lib/session";

export const metadata = { title: "Set up two-factor sign-in" };

/** Where a user whose role requires a second factor lands until they have set one up. */
export default async function TwoFactorSetupPage() {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  if (session.twoFactorEnabled) {
    return (
      <AuthCard title="Two-factor sign-in is on">
        <Link href="/articles" className="text-sm text-blue-800 underline">
          Continue to the articles
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Set up two-factor sign-in"
      intro="Your newsroom requires a second step when people in your role sign in: a code from an authenticator app on your phone. Set it up now to go on."
    >
      <TwoFactorSettings enabled={false} required continueHref="/articles" />
      <div className="mt-6 border-t border-slate-200 pt-3 text-sm text-slate-600">
        No phone at hand? <SignOutButton className="text-blue-800 underline" /> and set it up later; you cannot go on without it.
      </div>
    </AuthCard>
  );
}

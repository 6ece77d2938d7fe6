import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";
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
      <TwoFactorSettings enabled={false} required />
      <p className="mt-4 text-sm text-slate-600">
        Once it is on, <Link href="/articles" className="text-blue-800 underline">continue to the articles</Link>.
      </p>
    </AuthCard>
  );
}

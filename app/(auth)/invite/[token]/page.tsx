import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { findUsableInvite } from "@/lib/invites/data";

export const metadata = { title: "Accept invitation", referrer: "no-referrer" };

const roleLabel = { admin: "an admin", editor: "an editor", checker: "a checker", viewer: "a viewer" } as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = token.length <= 200 ? await findUsableInvite(token) : null;
  if (!invite) {
    return (
      <AuthCard title="This invitation cannot be used">
        <p className="text-sm text-slate-700">The link has expired or was already used. Ask an admin of your newsroom for a new one.</p>
        <Link href="/sign-in" className="mt-4 inline-block text-sm text-blue-800 underline">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Welcome, ${invite.name}`} intro={<>You are invited as {roleLabel[invite.role]} ({invite.email}).</>}>
      <AcceptInviteForm token={token} email={invite.email} />
    </AuthCard>
  );
}

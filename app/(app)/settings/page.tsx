import { getCurrentSession, requireUser } from "@/lib/session";
import { readSecuritySettings } from "@/lib/security/settings";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { listAllTokens, listOwnTokens } from "@/lib/tokens/data";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/passwords";
import { ApiTokens } from "@/components/settings/api-tokens";
import { AllTokens } from "@/components/settings/all-tokens";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { OrganizationSettingsSection } from "@/components/reports/organization-settings-section";
import { ShortcutSetting } from "@/components/settings/shortcut-setting";
import { SecuritySettingsForm } from "@/components/settings/security-settings-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";

export const metadata = { title: "Settings" };


export default async function SettingsPage() {
  const user = await requireUser();
  const session = await getCurrentSession();
  const security = await readSecuritySettings();
  const { requireTwoFactorFor } = security;
  const isAdmin = can(user, "users:manage");
  const [own, all] = await Promise.all([listOwnTokens(user), isAdmin ? listAllTokens(user) : Promise.resolve(null)]);
  const others = all?.filter((t) => t.owner.id !== user.id) ?? null;

  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as <span className="font-medium text-slate-800">{user.name}</span> ({user.email}) · {ROLE_LABELS[user.role]}
      </p>

      <section aria-labelledby="keyboard-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="keyboard-title" className="mb-3 text-lg font-semibold">
          Keyboard
        </h2>
        <ShortcutSetting />
      </section>
      <section aria-labelledby="profile-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="profile-title" className="mb-4 text-lg font-semibold">
          Your name
        </h2>
        <ProfileForm name={user.name} />
      </section>

      <section aria-labelledby="tokens-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="tokens-title" className="text-lg font-semibold">
          Personal API tokens
        </h2>
        <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600">
          For scripts and integrations that use the ClaimCheck API. A token acts as you, with your role, until you revoke it. Send it as{" "}
          <code className="font-mono text-slate-800">Authorization: Bearer &lt;token&gt;</code>.
        </p>
        <ApiTokens initialTokens={own} />
      </section>

      {others ? (
        <section aria-labelledby="all-tokens-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="all-tokens-title" className="text-lg font-semibold">
            Other people’s API tokens
          </h2>
          <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600">
            As an admin you can revoke anyone’s token, for example when it may have leaked or its owner has left. Disabling a user also stops
            all of their tokens.
          </p>
          <AllTokens initialTokens={others} />
        </section>
      ) : null}

      {isAdmin ? <OrganizationSettingsSection user={user} /> : null}
      <section aria-labelledby="two-factor-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="two-factor-title" className="mb-4 text-lg font-semibold">
          Two-factor sign-in
        </h2>
        <TwoFactorSettings enabled={!!session?.twoFactorEnabled} required={requireTwoFactorFor.includes(user.role)} />
      </section>

      {isAdmin ? (
        <section aria-labelledby="security-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="security-title" className="text-lg font-semibold">
            Newsroom security
          </h2>
          <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600">For everyone in the newsroom. Changes are recorded in the audit log.</p>
          <SecuritySettingsForm initial={security} ownTwoFactor={!!session?.twoFactorEnabled} />
        </section>
      ) : null}

      <section aria-labelledby="password-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="password-title" className="mb-4 text-lg font-semibold">
          Change password
        </h2>
        <ChangePasswordForm email={user.email} minLength={PASSWORD_MIN_LENGTH} />
      </section>
    </div>
  );
}

import { getSettings } from "@/lib/settings/data";
import type { Actor } from "@/lib/permissions";
import { OrganizationSettingsForm } from "@/components/reports/organization-settings-form";

/** The settings page's section for the organisation named in reports (shown to admins). */
export async function OrganizationSettingsSection({ user }: { user: Actor }) {
  const settings = await getSettings(user);
  return (
    <section aria-labelledby="organization-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="organization-title" className="text-lg font-semibold">
        Organisation in reports
      </h2>
      <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600">
        Reports name your organisation as the fact-checker, and ClaimReview markup for search engines needs its name and the public address of
        your published checks. Changes are recorded in the audit log.
      </p>
      <OrganizationSettingsForm initial={settings} />
    </section>
  );
}

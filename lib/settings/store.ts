/**
 * The organisation settings reports use, stored in the Setting table. Takes the database client
 * as an argument so the command-line report tool can use it too (no server-only imports).
 */
import type { Db } from "@/lib/db-client";

export type OrganizationSettings = {
  organizationName: string | null;
  organizationUrl: string | null;
  publicBaseUrl: string | null;
};

/** Setting keys of each field. */
export const SETTING_KEYS: Record<keyof OrganizationSettings, string> = {
  organizationName: "organization.name",
  organizationUrl: "organization.url",
  publicBaseUrl: "reports.publicBaseUrl",
};

type SettingReader = Pick<Db, "setting">;

/** The current settings; the organisation name falls back to ORGANIZATION_NAME from the environment. */
export async function readOrganizationSettings(db: SettingReader): Promise<OrganizationSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value || null;
  return {
    organizationName: value(SETTING_KEYS.organizationName) ?? (process.env.ORGANIZATION_NAME || null),
    organizationUrl: value(SETTING_KEYS.organizationUrl),
    publicBaseUrl: value(SETTING_KEYS.publicBaseUrl),
  };
}

import { apiRoute } from "@/lib/http/api";
import { getSecuritySettings, securitySettingsSchema, updateSecuritySettings } from "@/lib/security/settings";

export const GET = apiRoute(async ({ user }) => getSecuritySettings(user));

export const PATCH = apiRoute(async ({ user, body }) => updateSecuritySettings(user, await body(securitySettingsSchema)));

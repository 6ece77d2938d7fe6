import { apiRoute } from "@/lib/http/api";
import { getSettings, updateSettings } from "@/lib/settings/data";
import { updateSettingsSchema } from "@/lib/settings/schemas";

export const GET = apiRoute(async ({ user }) => getSettings(user));
export const PATCH = apiRoute(async ({ user, body }) => updateSettings(user, await body(updateSettingsSchema)));

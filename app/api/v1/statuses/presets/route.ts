import { apiRoute } from "@/lib/http/api";
import { applyPreset } from "@/lib/statuses/data";
import { presetSchema } from "@/lib/statuses/schemas";
import type { PresetKey } from "@/lib/statuses/scale";

export const POST = apiRoute(async ({ user, body }) => ({ statuses: await applyPreset(user, (await body(presetSchema)).preset as PresetKey) }));

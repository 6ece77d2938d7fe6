import { apiRoute } from "@/lib/http/api";
import { markNotificationsRead } from "@/lib/notifications/data";
import { markReadSchema } from "@/lib/notifications/schemas";

export const POST = apiRoute(async ({ user, body }) => {
  await markNotificationsRead(user, await body(markReadSchema));
  return undefined;
});

import { apiRoute } from "@/lib/http/api";
import { listNotifications } from "@/lib/notifications/data";
import { listNotificationsQuerySchema } from "@/lib/notifications/schemas";

export const GET = apiRoute(async ({ user, query }) => listNotifications(user, query(listNotificationsQuerySchema)));

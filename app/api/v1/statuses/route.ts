import { apiRoute } from "@/lib/http/api";
import { createStatus, listStatuses } from "@/lib/statuses/data";
import { createStatusSchema } from "@/lib/statuses/schemas";

export const GET = apiRoute(async () => ({ statuses: await listStatuses() }));

export const POST = apiRoute(async ({ user, body }) => createStatus(user, await body(createStatusSchema)), { successStatus: 201 });

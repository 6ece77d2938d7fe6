import { apiRoute } from "@/lib/http/api";
import { deleteStatus, updateStatus } from "@/lib/statuses/data";
import { deleteStatusQuerySchema, updateStatusSchema } from "@/lib/statuses/schemas";

export const PATCH = apiRoute<{ key: string }>(async ({ user, params, body }) => updateStatus(user, params.key, await body(updateStatusSchema)));

export const DELETE = apiRoute<{ key: string }>(async ({ user, params, query }) => {
  await deleteStatus(user, params.key, query(deleteStatusQuerySchema).moveTo);
});

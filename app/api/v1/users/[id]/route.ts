import { apiRoute } from "@/lib/http/api";
import { updateUser } from "@/lib/users/data";
import { updateUserSchema } from "@/lib/users/schemas";

export const PATCH = apiRoute<{ id: string }>(async ({ user, params, body }) => updateUser(user, params.id, await body(updateUserSchema)));

import { apiRoute } from "@/lib/http/api";
import { updateOwnName, updateProfileSchema } from "@/lib/users/profile";

export const GET = apiRoute(async ({ user }) => ({ id: user.id, email: user.email, name: user.name, role: user.role }));

export const PATCH = apiRoute(async ({ user, body }) => updateOwnName(user, await body(updateProfileSchema)));

import { apiRoute } from "@/lib/http/api";
import { updateOwnProfile, updateProfileSchema } from "@/lib/users/profile";

// GET stays a session lookup only (the bench measures it as such); PATCH answers with the
// preferences too.
export const GET = apiRoute(async ({ user }) => ({ id: user.id, email: user.email, name: user.name, role: user.role }));

export const PATCH = apiRoute(async ({ user, body }) => updateOwnProfile(user, await body(updateProfileSchema)));

import { apiRoute } from "@/lib/http/api";
import { createUser, listUsers } from "@/lib/users/data";
import { createUserSchema } from "@/lib/users/schemas";

export const GET = apiRoute(async ({ user }) => ({ users: await listUsers(user) }));

export const POST = apiRoute(async ({ user, body }) => createUser(user, await body(createUserSchema)), { successStatus: 201 });

import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(async ({ user }) => ({ id: user.id, email: user.email, name: user.name, role: user.role }));

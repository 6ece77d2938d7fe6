import { apiRoute } from "@/lib/http/api";
import { revokeToken } from "@/lib/tokens/data";

export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  await revokeToken(user, params.id);
});

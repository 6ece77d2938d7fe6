import { apiRoute } from "@/lib/http/api";
import { createClaim } from "@/lib/claims/data";
import { createClaimSchema } from "@/lib/claims/schemas";

export const POST = apiRoute<{ id: string }>(
  async ({ user, params, body }) => createClaim(user, params.id, await body(createClaimSchema)),
  { successStatus: 201 },
);

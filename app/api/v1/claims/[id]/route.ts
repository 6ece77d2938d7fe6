import { apiRoute } from "@/lib/http/api";
import { deleteClaim, getClaimDetail, updateClaim } from "@/lib/claims/data";
import { updateClaimSchema } from "@/lib/claims/schemas";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => getClaimDetail(user, params.id));

export const PATCH = apiRoute<{ id: string }>(async ({ user, params, body }) => updateClaim(user, params.id, await body(updateClaimSchema)));

export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  await deleteClaim(user, params.id);
});

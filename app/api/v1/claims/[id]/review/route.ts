import { apiRoute } from "@/lib/http/api";
import { reviewClaim } from "@/lib/claims/data";
import { reviewClaimSchema } from "@/lib/claims/schemas";

export const POST = apiRoute<{ id: string }>(async ({ user, params, body }) => reviewClaim(user, params.id, await body(reviewClaimSchema)));

import { apiRoute } from "@/lib/http/api";
import { assignClaims, listClaims } from "@/lib/claims/data";
import { bulkAssignSchema, listClaimsQuerySchema } from "@/lib/claims/schemas";

export const GET = apiRoute(async ({ user, query }) => listClaims(user, query(listClaimsQuerySchema)));

export const PATCH = apiRoute(async ({ user, body }) => ({ claims: await assignClaims(user, await body(bulkAssignSchema)) }));

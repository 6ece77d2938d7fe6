import { apiRoute } from "@/lib/http/api";
import { listClaims } from "@/lib/claims/data";
import { listClaimsQuerySchema } from "@/lib/claims/schemas";

export const GET = apiRoute(async ({ user, query }) => listClaims(user, query(listClaimsQuerySchema)));

import { apiRoute } from "@/lib/http/api";
import { settleAnchor } from "@/lib/anchoring/data";
import { anchorActionSchema } from "@/lib/anchoring/schemas";

export const POST = apiRoute<{ id: string }>(async ({ user, params, body }) => settleAnchor(user, params.id, await body(anchorActionSchema)));

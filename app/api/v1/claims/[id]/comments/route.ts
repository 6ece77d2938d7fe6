import { apiRoute } from "@/lib/http/api";
import { addComment } from "@/lib/claims/data";
import { addCommentSchema } from "@/lib/claims/schemas";

export const POST = apiRoute<{ id: string }>(
  async ({ user, params, body }) => addComment(user, params.id, (await body(addCommentSchema)).body),
  { successStatus: 201 },
);

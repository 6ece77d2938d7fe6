import { apiRoute } from "@/lib/http/api";
import { importArticle } from "@/lib/articles/import";
import { importArticleSchema } from "@/lib/articles/schemas";

// 200 with the extracted fields for a preview; 201 with the article when saved.
export const POST = apiRoute(async ({ user, body }) => {
  const input = await body(importArticleSchema);
  const result = await importArticle(user, input);
  return Response.json(result, { status: input.preview ? 200 : 201 });
});

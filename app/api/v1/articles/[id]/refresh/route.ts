import { apiRoute } from "@/lib/http/api";
import { refreshArticle } from "@/lib/articles/import";
import { refreshArticleSchema } from "@/lib/articles/schemas";

export const POST = apiRoute<{ id: string }>(async ({ user, params, body }) => refreshArticle(user, params.id, await body(refreshArticleSchema)));

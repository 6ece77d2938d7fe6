import { apiRoute } from "@/lib/http/api";
import { createArticle, listArticles } from "@/lib/articles/data";
import { createArticleSchema, listArticlesQuerySchema } from "@/lib/articles/schemas";

export const GET = apiRoute(async ({ user, query }) => listArticles(user, query(listArticlesQuerySchema)));

export const POST = apiRoute(async ({ user, body }) => createArticle(user, await body(createArticleSchema)), { successStatus: 201 });

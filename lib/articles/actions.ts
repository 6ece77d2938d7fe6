"use server";
import { authedAction } from "@/lib/actions";
import { createArticle } from "@/lib/articles/data";
import { createArticleSchema } from "@/lib/articles/schemas";

export const createArticleAction = authedAction(createArticleSchema, async (input, user) => {
  const article = await createArticle(user, input);
  return { id: article.id };
});

"use server";
import { authedAction } from "@/lib/actions";
import { createArticle } from "@/lib/articles/data";
import { createArticleSchema, importArticleSchema, refreshArticleSchema, updateArticleSchema } from "@/lib/articles/schemas";
import { updateArticle } from "@/lib/articles/revisions";
import { importArticle, refreshArticle, type ImportPreview } from "@/lib/articles/import";
import { z } from "zod";

export const createArticleAction = authedAction(createArticleSchema, async (input, user) => {
  const article = await createArticle(user, input);
  return { id: article.id };
});

const articleIdSchema = z.object({ articleId: z.string().min(1).max(100) });

export const updateArticleAction = authedAction(updateArticleSchema.extend(articleIdSchema.shape), async ({ articleId, ...input }, user) => {
  const article = await updateArticle(user, articleId, input);
  return { id: article.id, revision: article.revision, reanchored: article.reanchored };
});

export const previewImportAction = authedAction(importArticleSchema, async (input, user) => importArticle(user, { ...input, preview: true }) as Promise<ImportPreview>);

export const refreshArticleAction = authedAction(refreshArticleSchema.extend(articleIdSchema.shape), async ({ articleId, confirm }, user) => refreshArticle(user, articleId, { confirm }));

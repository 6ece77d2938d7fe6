import { z } from "zod";
import { MAX_ARTICLE_BODY_CHARS } from "@/lib/config";
import { httpUrlSchema } from "@/lib/evidence/schemas";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const createArticleSchema = z.object({
  title: z.string().trim().min(1, "A title is required.").max(300, "At most 300 characters."),
  body: z
    .string()
    .max(MAX_ARTICLE_BODY_CHARS, "The article body may be at most 2 MB of text.")
    .refine((v) => v.trim().length > 0, "The article body is empty."),
  sourceUrl: z
    .union([httpUrlSchema, z.literal(""), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  outlet: optionalText(200),
  author: optionalText(200),
  publishedAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date(), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v ? new Date(v) : null)),
});
export type CreateArticleInput = z.infer<typeof createArticleSchema>;

export const listArticlesQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});

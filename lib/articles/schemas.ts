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

const emptyToNull = (v: unknown) => (v === "" ? null : v);

export const createArticleSchema = z.object({
  title: z.string().trim().min(1, "A title is required.").max(300, "At most 300 characters."),
  body: z
    .string()
    .max(MAX_ARTICLE_BODY_CHARS, "The article body may be at most 2 MB of text.")
    .refine((v) => v.trim().length > 0, "The article body is empty."),
  // Forms send "" for an empty field; that means "none", not an invalid value.
  sourceUrl: z.preprocess(emptyToNull, httpUrlSchema.nullable().optional()).transform((v) => v ?? null),
  outlet: optionalText(200),
  author: optionalText(200),
  publishedAt: z
    .preprocess(
      emptyToNull,
      z
        .string()
        .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), "Use a date like 2024-05-01 or an ISO 8601 time.")
        .nullable()
        .optional(),
    )
    .transform((v) => (v ? new Date(v) : null)),
});
export type CreateArticleInput = z.infer<typeof createArticleSchema>;

export const listArticlesQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});

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

const createShape = createArticleSchema.shape;

/** PUT /articles/:id: every field optional (absent = unchanged), `revision` the edit is based on. */
export const updateArticleSchema = z.object({
  revision: z.number({ message: "revision is required: the revision your edit is based on." }).int().min(1),
  title: createShape.title.optional(),
  body: createShape.body.optional(),
  sourceUrl: createShape.sourceUrl.optional(),
  outlet: createShape.outlet.optional(),
  author: createShape.author.optional(),
  publishedAt: createShape.publishedAt.optional(),
  note: z.string().trim().max(1000, "At most 1000 characters.").optional().default(""),
});
export type UpdateArticleInput = z.infer<typeof updateArticleSchema>;

export const revisionParamSchema = z.coerce.number().int().min(1).max(1_000_000);

/** POST /articles/import: a URL to fetch, or the HTML of a page (an uploaded file). */
export const importArticleSchema = z
  .object({
    url: z.string().trim().max(2000, "At most 2000 characters.").optional(),
    html: z.string().max(MAX_ARTICLE_BODY_CHARS, "The page may be at most 2 MB of HTML.").optional(),
    sourceUrl: z.preprocess(emptyToNull, httpUrlSchema.nullable().optional()).transform((v) => v ?? null),
    preview: z.boolean().optional().default(false),
  })
  .superRefine((v, ctx) => {
    if (!v.url === !v.html) ctx.addIssue({ code: "custom", path: ["url"], message: "Give either url (a page to fetch) or html (the page itself), not both." });
  });
export type ImportArticleInput = z.infer<typeof importArticleSchema>;

export const refreshArticleSchema = z.object({ confirm: z.boolean().optional().default(false) });

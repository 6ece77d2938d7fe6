import { z } from "zod";
import { STANCES } from "@/lib/vocabulary";
import { normalizeEvidenceUrl } from "@/lib/evidence/url";

/** An absolute http(s) URL, checked with `new URL()` (no javascript:, data:, file: ...). */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2048, "URLs may be at most 2048 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "Enter a full http:// or https:// address.")
  .transform((value) => new URL(value).href);

/** An evidence address as typed: `https://` added when no scheme is given; other schemes and credentials refused. */
export const evidenceUrlSchema = z
  .string({ message: "Enter the address of the source." })
  .trim()
  .max(2048, "URLs may be at most 2048 characters.")
  .transform((value, ctx) => {
    const checked = normalizeEvidenceUrl(value);
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: checked.error });
      return z.NEVER;
    }
    return checked.url;
  });

export { STANCES };
export type { Stance } from "@/lib/vocabulary";

const stanceSchema = z.enum(STANCES, { message: "Choose supports, refutes or context." });

export const addEvidenceSchema = z.object({
  url: evidenceUrlSchema,
  title: z.string().trim().max(300, "At most 300 characters.").optional().default(""),
  stance: stanceSchema,
  note: z.string().trim().max(2000, "At most 2000 characters.").optional().default(""),
});
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;

export const updateEvidenceSchema = z
  .object({
    title: z.string().trim().max(300, "At most 300 characters.").optional(),
    stance: stanceSchema.optional(),
    note: z.string().trim().max(2000, "At most 2000 characters.").optional(),
  })
  .refine((v) => v.title !== undefined || v.stance !== undefined || v.note !== undefined, { message: "Change the title, stance or note.", path: ["title"] });
export type UpdateEvidenceInput = z.infer<typeof updateEvidenceSchema>;

import { z } from "zod";

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

export const STANCES = ["supports", "refutes", "context"] as const;
export type Stance = (typeof STANCES)[number];

export const addEvidenceSchema = z.object({
  url: httpUrlSchema,
  title: z.string().trim().max(300, "At most 300 characters.").optional().default(""),
  stance: z.enum(STANCES, { message: "Choose supports, refutes or context." }),
  note: z.string().trim().max(2000, "At most 2000 characters.").optional().default(""),
});
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;

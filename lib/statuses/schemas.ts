import { z } from "zod";
import { PRESET_KEYS } from "@/lib/statuses/scale";

const ratingSchema = z
  .object({
    value: z.number().int().min(-100).max(100),
    best: z.number().int().min(-100).max(100),
    worst: z.number().int().min(-100).max(100),
  })
  .refine((r) => r.best !== r.worst && Math.min(r.best, r.worst) <= r.value && r.value <= Math.max(r.best, r.worst), {
    message: "The rating must lie between worst and best, and best and worst must differ.",
  })
  .nullable();

const label = z.string().trim().min(1, "A label is required.").max(60, "At most 60 characters.");
const color = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1d4ed8.").transform((c) => c.toLowerCase());

export const createStatusSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, "A key is 1–40 lower-case letters, digits or underscores.")
    .optional(),
  label,
  color,
  isVerdict: z.boolean({ message: "Say whether this status is a verdict." }),
  rating: ratingSchema.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type CreateStatusInput = z.infer<typeof createStatusSchema>;

export const updateStatusSchema = z.object({
  label: label.optional(),
  color: color.optional(),
  isVerdict: z.boolean().optional(),
  rating: ratingSchema.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type UpdateStatusInput = z.infer<typeof updateStatusSchema>;

export const deleteStatusQuerySchema = z.object({ moveTo: z.string().trim().min(1).max(40).optional() });

export const presetSchema = z.object({
  preset: z.enum(PRESET_KEYS as [string, ...string[]], { message: "preset must be default, politifact, snopes or meta." }),
});

/** A key from a label: "Pants on Fire" → "pants_on_fire". */
export function keyFromLabel(text: string): string {
  const key = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  return key || "status";
}

import { z } from "zod";

/** An absolute http(s) URL, or null / "" to clear it. */
const httpUrl = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters.")
  .refine((v) => {
    if (v === "") return true;
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "Enter a full web address starting with http:// or https://.")
  .nullable()
  .transform((v) => (v ? v : null));

/** PATCH /api/v1/settings: any of the fields. */
export const updateSettingsSchema = z
  .object({
    organizationName: z.string().trim().max(200, "At most 200 characters.").nullable().transform((v) => (v ? v : null)).optional(),
    organizationUrl: httpUrl.optional(),
    publicBaseUrl: httpUrl.optional(),
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;

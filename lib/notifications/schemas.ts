import { z } from "zod";

export const listNotificationsQuerySchema = z.object({
  unread: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
});

export const markReadSchema = z
  .object({
    ids: z.array(z.string().min(1).max(100)).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => v.all === true || (v.ids && v.ids.length > 0), { message: "Give ids or all: true.", path: ["ids"] });

import { z } from "zod";
import { emailSchema, nameSchema, passwordSchema, roleSchema } from "@/lib/users/schemas";

export const createInviteSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema });

export const acceptInviteSchema = z
  .object({ token: z.string().min(10).max(200), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The two passwords differ.", path: ["confirm"] });

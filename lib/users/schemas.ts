import { z } from "zod";
import { ROLES } from "@/lib/permissions";
import { PASSWORD_MAX_LENGTH } from "@/lib/security/passwords";

export const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email({ message: "Enter a valid email address." }));
export const nameSchema = z.string().trim().min(1, "A name is required.").max(100, "At most 100 characters.");
export const passwordSchema = z.string().max(PASSWORD_MAX_LENGTH * 4, `At most ${PASSWORD_MAX_LENGTH} characters.`);
export const roleSchema = z.enum(ROLES, { message: `role must be one of: ${ROLES.join(", ")}.` });

export const firstAdminSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });

export const createUserSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema, password: passwordSchema });

export const updateUserSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean({ message: "disabled must be true or false." }).optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: "Send role, disabled, or both." });

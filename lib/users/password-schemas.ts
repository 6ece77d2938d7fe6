import { z } from "zod";
import { passwordSchema } from "@/lib/users/schemas";

export const changePasswordSchema = z
  .object({
    currentPassword: passwordSchema.min(1, "Enter your current password."),
    newPassword: passwordSchema.min(1, "Enter a new password."),
    confirmPassword: passwordSchema,
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords do not match.",
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

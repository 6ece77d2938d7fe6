import { z } from "zod";

export const TOKEN_NAME_MAX_LENGTH = 100;
/** Active tokens one user may hold at once; each is a standing credential, so keep the count small. */
export const MAX_ACTIVE_TOKENS = 20;

export const tokenNameSchema = z
  .string({ message: "Give the token a name." })
  .trim()
  .min(1, "Give the token a name, e.g. the script or integration that will use it.")
  .max(TOKEN_NAME_MAX_LENGTH, `At most ${TOKEN_NAME_MAX_LENGTH} characters.`)
  // Control characters would only garble the list and the audit log.
  .regex(/^[^\p{Cc}]*$/u, "Use letters, digits, spaces and punctuation only.");

export const createTokenSchema = z.object({ name: tokenNameSchema });
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenIdSchema = z.string().min(1).max(100);

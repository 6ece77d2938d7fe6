import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { parseWith } from "@/lib/http/api";
import type { SessionUser } from "@/lib/session";
import { nameSchema } from "@/lib/users/schemas";
import { setOwnPreferences } from "@/lib/users/preferences";

/**
 * `PATCH /api/v1/me` and the Settings forms: your own display name (1–100 characters) and your
 * preferences (single-key keyboard shortcuts on or off), either or both.
 */
// Control characters would only garble lists, reports and the audit log.
const profileNameSchema = nameSchema.regex(/^[^\p{Cc}]*$/u, "Use letters, digits, spaces and punctuation only.");

export const updateProfileSchema = z
  .object({
    name: profileNameSchema.optional(),
    keyboardShortcuts: z.boolean({ message: "keyboardShortcuts is true or false." }).optional(),
  })
  .refine((v) => v.name !== undefined || v.keyboardShortcuts !== undefined, { message: "Send name, keyboardShortcuts, or both." });

/** The Settings name form's action input. */
export const updateNameSchema = z.object({ name: profileNameSchema });

/** The Settings toggle's action input: the preferences alone. */
export const updatePreferencesSchema = z.object({ keyboardShortcuts: z.boolean({ message: "keyboardShortcuts is true or false." }) });

export type MeDto = { id: string; email: string; name: string; role: SessionUser["role"]; keyboardShortcuts: boolean };

/** Changes the caller's own name (the only way names change, audited) and/or preferences. */
export async function updateOwnProfile(user: SessionUser, input: unknown): Promise<MeDto> {
  const { name, keyboardShortcuts } = parseWith(updateProfileSchema, input);
  let newName = user.name;
  if (name !== undefined) {
    newName = await db.$transaction(async (tx) => {
      const current = await tx.user.findUnique({ where: { id: user.id }, select: { name: true } });
      if (!current) throw new NotFoundError("user");
      if (current.name !== name) {
        await tx.user.update({ where: { id: user.id }, data: { name } });
        await recordAudit(tx, { actorId: user.id, action: "user.rename", objectType: "user", objectId: user.id, before: { name: current.name }, after: { name } });
      }
      return name;
    });
  }
  const preferences = await setOwnPreferences(user, { keyboardShortcuts });
  return { id: user.id, email: user.email, name: newName, role: user.role, keyboardShortcuts: preferences.keyboardShortcuts };
}

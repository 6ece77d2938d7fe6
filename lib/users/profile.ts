import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { parseWith } from "@/lib/http/api";
import type { SessionUser } from "@/lib/session";
import { nameSchema } from "@/lib/users/schemas";

/** `PATCH /api/v1/me` and the Settings form: your own display name, 1–100 characters. */
export const updateProfileSchema = z.object({
  // Control characters would only garble lists, reports and the audit log.
  name: nameSchema.regex(/^[^\p{Cc}]*$/u, "Use letters, digits, spaces and punctuation only."),
});

export type MeDto = { id: string; email: string; name: string; role: SessionUser["role"] };

/** Changes the caller's own name (the only way names change), audited with before and after. */
export async function updateOwnName(user: SessionUser, input: unknown): Promise<MeDto> {
  const { name } = parseWith(updateProfileSchema, input);
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: user.id }, select: { name: true } });
    if (!current) throw new NotFoundError("user");
    if (current.name !== name) {
      await tx.user.update({ where: { id: user.id }, data: { name } });
      await recordAudit(tx, { actorId: user.id, action: "user.rename", objectType: "user", objectId: user.id, before: { name: current.name }, after: { name } });
    }
    return { id: user.id, email: user.email, name, role: user.role };
  });
}

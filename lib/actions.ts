import "server-only";
import type { z } from "zod";
import { fromDatabaseError, isAppError } from "@/lib/errors";
import { validationErrorFrom } from "@/lib/http/api";
import { requireUser, type SessionUser } from "@/lib/session";

export type ActionError = { code: string; message: string; details?: Record<string, unknown> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Maps a thrown error to a form-friendly result; unexpected errors are logged and hidden. */
export function actionError(error: unknown): { ok: false; error: ActionError } {
  const known = isAppError(error) ? error : fromDatabaseError(error);
  if (known) return { ok: false, error: { code: known.code, message: known.message, details: known.details } };
  console.error("Unexpected error in server action:", error);
  return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side. Nothing was changed." } };
}

/**
 * Every server action goes through here: it is a public endpoint, so it checks the session
 * itself and validates its input with `schema` before `fn` (which checks the permission).
 */
export function authedAction<S extends z.ZodType, R>(schema: S, fn: (input: z.infer<S>, user: SessionUser) => Promise<R>) {
  return async (input: z.input<S>): Promise<ActionResult<R>> => {
    try {
      const user = await requireUser();
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw validationErrorFrom(parsed.error);
      return { ok: true, data: await fn(parsed.data, user) };
    } catch (error) {
      return actionError(error);
    }
  };
}

"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { actionError } from "@/lib/actions";
import { validationErrorFrom } from "@/lib/http/api";
import { createFirstAdmin as createFirstAdminAndReturn, hasAnyUser } from "@/lib/users/data";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
import { firstAdminSchema } from "@/lib/users/schemas";

export type SetupState = { message?: string; fields?: Record<string, string>; values?: { name?: string; email?: string } };

/** First run: creates the first admin (only while there is no user) and signs them in. */
export async function createFirstAdminAction(_state: SetupState, form: FormData): Promise<SetupState> {
  // A public endpoint: anything may arrive here, not only our form.
  if (!(form instanceof FormData)) return { message: "The form could not be read. Reload the page and try again." };
  // Closed for good once anyone exists: refuse before reading (let alone hashing) anything.
  if (await hasAnyUser()) return { message: "This newsroom already has an admin. Sign in instead.", fields: {}, values: {} };
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = firstAdminSchema.safeParse({ ...values, password: String(form.get("password") ?? "") });
  try {
    if (!parsed.success) throw validationErrorFrom(parsed.error);
    const admin = await createFirstAdminAndReturn(parsed.data);
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() });
    await recordAudit(db, { actorId: admin.id, action: "auth.sign_in", objectType: "user", objectId: admin.id, after: { via: "first-run" } });
  } catch (error) {
    const { error: e } = actionError(error);
    const fields = (e.details?.fields as Record<string, string>) ?? {};
    return { message: Object.keys(fields).length ? undefined : e.message, fields, values };
  }
  redirect("/articles");
}

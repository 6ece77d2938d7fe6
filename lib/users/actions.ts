"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { actionError } from "@/lib/actions";
import { validationErrorFrom } from "@/lib/http/api";
import { createFirstAdmin } from "@/lib/users/data";
import { firstAdminSchema } from "@/lib/users/schemas";

export type SetupState = { message?: string; fields?: Record<string, string>; values?: { name?: string; email?: string } };

/** First run: creates the first admin (only while there is no user) and signs them in. */
export async function createFirstAdminAction(_state: SetupState, form: FormData): Promise<SetupState> {
  // A public endpoint: anything may arrive here, not only our form.
  if (!(form instanceof FormData)) return { message: "The form could not be read. Reload the page and try again." };
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = firstAdminSchema.safeParse({ ...values, password: String(form.get("password") ?? "") });
  try {
    if (!parsed.success) throw validationErrorFrom(parsed.error);
    await createFirstAdmin(parsed.data);
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() });
  } catch (error) {
    const { error: e } = actionError(error);
    return { message: e.message, fields: (e.details?.fields as Record<string, string>) ?? {}, values };
  }
  redirect("/articles");
}

"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { actionError } from "@/lib/actions";
import { validationErrorFrom } from "@/lib/http/api";
import { acceptInvite } from "@/lib/invites/data";
import { acceptInviteSchema } from "@/lib/invites/schemas";

export type AcceptState = { message?: string; fields?: Record<string, string> };

/** Public by nature (the invitee has no account yet): the one-time token is the credential. */
export async function acceptInviteAction(_state: AcceptState, form: FormData): Promise<AcceptState> {
  // A public endpoint: anything may arrive here, not only our form.
  if (!(form instanceof FormData)) return { message: "The form could not be read. Reload the page and try again." };
  const parsed = acceptInviteSchema.safeParse({
    token: String(form.get("token") ?? ""),
    password: String(form.get("password") ?? ""),
    confirm: String(form.get("confirm") ?? ""),
  });
  try {
    if (!parsed.success) throw validationErrorFrom(parsed.error);
    const user = await acceptInvite(parsed.data.token, parsed.data.password);
    await auth.api.signInEmail({ body: { email: user.email, password: parsed.data.password }, headers: await headers() });
  } catch (error) {
    const { error: e } = actionError(error);
    return { message: e.code === "not_found" ? "This invitation link has expired or was already used. Ask an admin for a new one." : e.message, fields: (e.details?.fields as Record<string, string>) ?? {} };
  }
  redirect("/articles");
}

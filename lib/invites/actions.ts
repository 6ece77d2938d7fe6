"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/data";
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
    await recordAudit(db, { actorId: user.id, action: "auth.sign_in", objectType: "user", objectId: user.id, after: { via: "invitation" } });
  } catch (error) {
    const { error: e } = actionError(error);
    const fields = (e.details?.fields as Record<string, string>) ?? {};
    // A field's own message is shown beside it; the box above is for everything else.
    const message = e.code === "not_found" ? "This invitation link has expired or was already used. Ask an admin for a new one." : Object.keys(fields).length ? undefined : e.message;
    return { message, fields };
  }
  redirect("/articles");
}

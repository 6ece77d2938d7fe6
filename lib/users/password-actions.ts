"use server";
import { headers } from "next/headers";
import { getCurrentSession } from "@/lib/session";
import { authedAction } from "@/lib/actions";
import { clientIp } from "@/lib/security/client-ip";
import { changePassword } from "@/lib/users/password";
import { changePasswordSchema } from "@/lib/users/password-schemas";

export const changePasswordAction = authedAction(changePasswordSchema, async (input, user) => {
  const requestHeaders = await headers();
  // The session making the change stays signed in; the others end.
  const session = await getCurrentSession();
  return changePassword(user, input, { keepSessionId: session?.sessionId ?? null, ip: clientIp(requestHeaders) });
});

import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";
import { signInWithEmail } from "@/lib/security/sign-in";

const handlers = toNextJsHandler(auth);

export const GET = handlers.GET;

export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/sign-in/email")) return signInWithEmail(request, handlers.POST);
  return handlers.POST(request);
}

import { apiRoute } from "@/lib/http/api";
import { ForbiddenError } from "@/lib/errors";
import { createToken, listOwnTokens } from "@/lib/tokens/data";
import { createTokenSchema } from "@/lib/tokens/schemas";

export const GET = apiRoute(async ({ user }) => ({ tokens: await listOwnTokens(user) }));

export const POST = apiRoute(
  async ({ request, user, body }) => {
    // apiRoute authenticates by the Authorization header whenever one is sent. A token may not
    // mint tokens: a leaked one could otherwise leave successors behind that outlive its revocation.
    if (request.headers.has("authorization")) {
      throw new ForbiddenError("An API token cannot create API tokens. Sign in and create one on the settings page.");
    }
    return createToken(user, await body(createTokenSchema));
  },
  { successStatus: 201 },
);

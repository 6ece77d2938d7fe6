import { apiRoute, parseWith } from "@/lib/http/api";
import { getRevision } from "@/lib/articles/revisions";
import { revisionParamSchema } from "@/lib/articles/schemas";
import { NotFoundError } from "@/lib/errors";

export const GET = apiRoute<{ id: string; revision: string }>(async ({ user, params }) => {
  if (!/^\d{1,7}$/.test(params.revision)) throw new NotFoundError("revision");
  return getRevision(user, params.id, parseWith(revisionParamSchema, params.revision));
});

import { apiRoute } from "@/lib/http/api";
import { listRevisions } from "@/lib/articles/revisions";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ revisions: await listRevisions(user, params.id) }));

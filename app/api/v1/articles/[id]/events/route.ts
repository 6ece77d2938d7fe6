import { apiRoute } from "@/lib/http/api";
import { openArticleEventStream } from "@/lib/events/stream";

/** Server-sent events of one article's changes (shared/API.md). */
export const GET = apiRoute<{ id: string }>(async ({ request, user, params }) => openArticleEventStream(user, params.id, request));

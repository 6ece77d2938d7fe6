import { apiRoute } from "@/lib/http/api";
import { suggestionsForArticle } from "@/lib/suggestions/data";
import { listSuggestionsQuerySchema } from "@/lib/suggestions/schemas";

export const GET = apiRoute<{ id: string }>(async ({ user, params, query }) => suggestionsForArticle(user, params.id, query(listSuggestionsQuerySchema).limit));

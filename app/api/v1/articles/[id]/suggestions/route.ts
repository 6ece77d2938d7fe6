import { apiRoute } from "@/lib/http/api";
import { listSuggestions } from "@/lib/suggestions/data";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ suggestions: await listSuggestions(user, params.id) }));

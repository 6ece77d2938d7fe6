import { z } from "zod";

/** GET /api/v1/articles/:id/suggestions: `?limit=N` keeps the N strongest (in text order). */
export const listSuggestionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(10000).optional(),
});

import { apiRoute } from "@/lib/http/api";
import { getStats, statsQuerySchema } from "@/lib/stats/data";

export const GET = apiRoute(async ({ user, query }) => getStats(user, query(statsQuerySchema).articleId));

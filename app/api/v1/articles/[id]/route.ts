import { apiRoute } from "@/lib/http/api";
import { getArticle } from "@/lib/articles/data";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => getArticle(user, params.id));

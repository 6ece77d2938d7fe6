import { apiRoute } from "@/lib/http/api";
import { listStatuses } from "@/lib/statuses/data";

export const GET = apiRoute(async () => ({ statuses: await listStatuses() }));

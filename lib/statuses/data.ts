import "server-only";
import { db } from "@/lib/db";
import { toStatusDto, type StatusDto } from "@/lib/statuses/scale";

/** The status scale in display order. */
export async function listStatuses(): Promise<StatusDto[]> {
  const rows = await db.status.findMany({ orderBy: { position: "asc" } });
  return rows.map(toStatusDto);
}

import { checkReadiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/** Readiness probe for a load balancer: 200 when the database answers and its migrations are current, else 503. */
export async function GET() {
  const r = await checkReadiness();
  return Response.json(
    { status: r.ready ? "ready" : "not_ready", database: r.database, pendingMigrations: r.pendingMigrations },
    { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

import { apiRoute } from "@/lib/http/api";
import { reportQuerySchema } from "@/lib/reports/schemas";
import { reportDownload, reportPreview } from "@/lib/reports/data";
import { defaultScope } from "@/lib/reports/model";

export const GET = apiRoute<{ id: string }>(async ({ user, params, query }) => {
  const q = query(reportQuerySchema);
  const scope = q.scope ?? defaultScope(q.format);
  if (q.preview === "true") return reportPreview(user, params.id, q.format, scope);
  const file = await reportDownload(user, params.id, { format: q.format, scope, paper: q.paper ?? null });
  return new Response(file.body, {
    headers: {
      ...file.head.headers,
      "Content-Type": file.head.contentType,
      "Content-Disposition": file.head.disposition,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

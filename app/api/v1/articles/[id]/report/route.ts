import { apiRoute } from "@/lib/http/api";
import { reportQuerySchema } from "@/lib/reports/schemas";
import { buildReportFileOffThread } from "@/lib/reports/worker-pool";
import { loadReportData } from "@/lib/reports/data";
import { defaultScope } from "@/lib/reports/model";
import { previewReport } from "@/lib/reports/preview";

export const GET = apiRoute<{ id: string }>(async ({ user, params, query }) => {
  const q = query(reportQuerySchema);
  const data = await loadReportData(user, params.id, q.scope ?? defaultScope(q.format));
  if (q.preview === "true") return previewReport(q.format, data);
  const file = await buildReportFileOffThread(q.format, data, { paper: q.paper ?? null });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": file.disposition,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Report-Revision": String(data.article.revision),
      "X-Report-Scope": data.scope,
    },
  });
});

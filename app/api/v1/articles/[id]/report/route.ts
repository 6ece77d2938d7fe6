import { apiRoute } from "@/lib/http/api";
import { reportQuerySchema } from "@/lib/reports/schemas";
import { buildReportFile } from "@/lib/reports/build";
import { loadReportData } from "@/lib/reports/data";

export const GET = apiRoute<{ id: string }>(async ({ user, params, query }) => {
  const { format } = query(reportQuerySchema);
  const file = await buildReportFile(format, await loadReportData(user, params.id));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});

import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { listClaimsQuerySchema } from "@/lib/claims/schemas";
import { claimsExportDownload } from "@/lib/reports/data";

const exportQuerySchema = listClaimsQuerySchema.extend({
  format: z.enum(["csv", "json"], { message: "format must be csv or json." }).optional().default("csv"),
});

export const GET = apiRoute(async ({ user, query }) => {
  const { format, ...filters } = query(exportQuerySchema);
  const file = await claimsExportDownload(user, { ...filters, page: 1 }, format);
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

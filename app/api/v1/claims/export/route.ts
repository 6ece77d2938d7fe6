import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { listClaimsQuerySchema } from "@/lib/claims/schemas";
import { exportClaims } from "@/lib/reports/claims-export";

const exportQuerySchema = listClaimsQuerySchema.extend({
  format: z.enum(["csv", "json"], { message: "format must be csv or json." }).optional().default("csv"),
});

export const GET = apiRoute(async ({ user, query }) => {
  const { format, ...filters } = query(exportQuerySchema);
  const file = await exportClaims(user, { ...filters, page: 1 }, format);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": file.disposition,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Claims-Count": String(file.count),
    },
  });
});

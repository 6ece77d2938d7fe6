import { z } from "zod";
import { REPORT_FORMATS } from "@/lib/reports/build";

export const reportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS, { message: `format must be one of: ${REPORT_FORMATS.join(", ")}.` }).optional().default("md"),
});

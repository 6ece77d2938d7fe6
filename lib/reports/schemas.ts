import { z } from "zod";
import { REPORT_FORMATS, REPORT_SCOPES } from "@/lib/reports/model";

/** GET /api/v1/articles/:id/report query. `scope` defaults per format (see defaultScope). */
export const reportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS, { message: `format must be one of: ${REPORT_FORMATS.join(", ")}.` }).optional().default("md"),
  scope: z.enum(REPORT_SCOPES, { message: "scope must be all or approved." }).optional(),
  paper: z.enum(["a4", "letter"], { message: "paper must be a4 or letter." }).optional(),
  /** `preview=true`: a JSON summary of what the file would hold (counts, ClaimReview checks) instead of the file. */
  preview: z.enum(["true", "false"], { message: "preview must be true or false." }).optional(),
});

import { z } from "zod";
import { REVIEW_STATES } from "@/lib/vocabulary";

/** The longest span a claim may have, in UTF-16 code units (shared/API.md). */
export const MAX_CLAIM_SPAN = 2000;

const offset = (name: string) => z.number({ message: `${name} must be a number.` }).int(`${name} must be a whole number.`).min(0);
const revision = z.number({ message: "revision is required: the article revision your offsets refer to." }).int().min(1);

/** An ISO 8601 time, or null to clear. */
const dueAtSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), "Use an ISO 8601 time, like 2024-05-01T17:00:00Z.")
  .transform((v) => new Date(v))
  .nullable();

export const createClaimSchema = z.object({
  revision,
  start: offset("start"),
  end: offset("end"),
  summary: z.string().trim().max(1000).optional().default(""),
  claimant: z.string().trim().max(200).optional().default(""),
  claimType: z.string().trim().max(100).optional().default(""),
  allowDuplicate: z.boolean().optional().default(false),
});
export type CreateClaimInput = z.infer<typeof createClaimSchema>;

export const updateClaimSchema = z
  .object({
    version: z.number({ message: "version is required: the version your change is based on." }).int().min(1),
    status: z.string().trim().min(1).max(50).optional(),
    summary: z.string().trim().max(1000).optional(),
    claimant: z.string().trim().max(200).optional(),
    claimType: z.string().trim().max(100).optional(),
    assigneeId: z.string().trim().max(100).nullable().optional(),
    dueAt: dueAtSchema.optional(),
    rationale: z.string().trim().max(20000, "The rationale may be at most 20,000 characters.").optional(),
    start: offset("start").optional(),
    end: offset("end").optional(),
    revision: revision.optional(),
    allowDuplicate: z.boolean().optional().default(false),
  })
  .superRefine((v, ctx) => {
    const span = [v.start, v.end].filter((x) => x !== undefined).length;
    if (span === 1) ctx.addIssue({ code: "custom", path: [v.start === undefined ? "start" : "end"], message: "start and end correct the span together." });
    if (span === 2 && v.revision === undefined) ctx.addIssue({ code: "custom", path: ["revision"], message: "revision is required with start and end: the article revision they refer to." });
  });
export type UpdateClaimInput = z.infer<typeof updateClaimSchema>;

export const bulkAssignSchema = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1, "Choose at least one claim.").max(500, "At most 500 claims at once."),
    assigneeId: z.string().trim().max(100).nullable().optional(),
    dueAt: dueAtSchema.optional(),
  })
  .refine((v) => v.assigneeId !== undefined || v.dueAt !== undefined, { message: "Give an assigneeId or a dueAt.", path: ["assigneeId"] });
export type BulkAssignInput = z.infer<typeof bulkAssignSchema>;

export const CLAIM_SORTS = ["updated", "oldest", "number", "due"] as const;

export const listClaimsQuerySchema = z.object({
  status: z.string().trim().max(50).optional(),
  /** A user id, `me`, or `none` for unassigned claims. */
  assignee: z.string().trim().max(100).optional(),
  reviewState: z.enum(REVIEW_STATES, { message: "reviewState must be none, pending, approved or rejected." }).optional(),
  /** `true`: pending verdicts the caller may review. */
  reviewable: z.enum(["true", "false"]).optional(),
  anchor: z.enum(["exact", "moved", "orphaned", "retired"], { message: "anchor must be exact, moved, orphaned or retired." }).optional(),
  articleId: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  /** `updated` (default: last changed first), `oldest` (longest waiting first), `number`, or `due` (soonest due first). */
  sort: z.enum(CLAIM_SORTS, { message: "sort must be updated, oldest, number or due." }).optional(),
  /** `open`: not approved yet (My queue). */
  open: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});
export type ListClaimsQuery = z.infer<typeof listClaimsQuerySchema>;

export const addCommentSchema = z.object({
  body: z.string().trim().min(1, "The comment is empty.").max(5000, "At most 5000 characters."),
});

export const reviewClaimSchema = z.object({
  version: z.number({ message: "version is required: the version of the verdict you reviewed." }).int().min(1),
  decision: z.enum(["approve", "reject"], { message: "decision must be approve or reject." }),
  note: z.string().trim().max(2000).optional().default(""),
});

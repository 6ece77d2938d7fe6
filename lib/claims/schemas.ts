import { z } from "zod";

export const createClaimSchema = z.object({
  start: z.number({ message: "start must be a number." }).int("start must be a whole number.").min(0),
  end: z.number({ message: "end must be a number." }).int("end must be a whole number.").min(0),
  summary: z.string().trim().max(1000).optional().default(""),
  claimant: z.string().trim().max(200).optional().default(""),
  claimType: z.string().trim().max(100).optional().default(""),
});
export type CreateClaimInput = z.infer<typeof createClaimSchema>;

export const updateClaimSchema = z.object({
  version: z.number({ message: "version is required: the version your change is based on." }).int().min(1),
  status: z.string().trim().min(1).max(50).optional(),
  summary: z.string().trim().max(1000).optional(),
  claimant: z.string().trim().max(200).optional(),
  claimType: z.string().trim().max(100).optional(),
  assigneeId: z.string().trim().max(100).nullable().optional(),
  rationale: z.string().trim().max(20000, "The rationale may be at most 20,000 characters.").optional(),
});
export type UpdateClaimInput = z.infer<typeof updateClaimSchema>;

export const listClaimsQuerySchema = z.object({
  status: z.string().trim().max(50).optional(),
  assignee: z.string().trim().max(100).optional(),
  articleId: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});

export const addCommentSchema = z.object({
  body: z.string().trim().min(1, "The comment is empty.").max(5000, "At most 5000 characters."),
});

export const reviewClaimSchema = z.object({
  decision: z.enum(["approve", "reject"], { message: "decision must be approve or reject." }),
  note: z.string().trim().max(2000).optional().default(""),
});

import { z } from "zod";

export const anchorActionSchema = z
  .object({
    version: z.number({ message: "version is required: the claim version your action is based on." }).int().min(1),
    revision: z.number({ message: "revision is required: the article revision you are looking at." }).int().min(1),
    action: z.enum(["reattach", "confirm", "retire"], { message: "action must be reattach, confirm or retire." }),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    note: z.string().trim().max(2000, "At most 2000 characters.").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.action === "reattach" && (v.start === undefined || v.end === undefined)) {
      ctx.addIssue({ code: "custom", path: ["start"], message: "Re-attaching needs start and end: select the new text." });
    }
    if (v.action === "retire" && !v.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "Say why the claim is retired (what happened to its text)." });
    }
  });
export type AnchorActionInput = z.infer<typeof anchorActionSchema>;

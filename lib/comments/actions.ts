"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { addComment } from "@/lib/claims/data";
import { addCommentSchema } from "@/lib/claims/schemas";
import { listMentionableUsers } from "@/lib/comments/data";

export const addCommentAction = authedAction(addCommentSchema.extend({ claimId: z.string().min(1).max(100) }), ({ claimId, body }, user) =>
  addComment(user, claimId, body),
);

export const listMentionableUsersAction = authedAction(z.object({}), (_input, user) => listMentionableUsers(user));

"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { updateUser } from "@/lib/users/data";
import { updateUserSchema } from "@/lib/users/schemas";
import { createInvite, revokeInvite } from "@/lib/invites/data";
import { createInviteSchema } from "@/lib/invites/schemas";

const id = z.string().min(1).max(100);

export const updateUserAction = authedAction(
  z.object({ userId: id, role: updateUserSchema.shape.role, disabled: updateUserSchema.shape.disabled }),
  ({ userId, ...input }, user) => updateUser(user, userId, input),
);

export const createInviteAction = authedAction(createInviteSchema, (input, user) => createInvite(user, input));

export const revokeInviteAction = authedAction(z.object({ inviteId: id }), ({ inviteId }, user) => revokeInvite(user, inviteId));

"use server";
import { authedAction } from "@/lib/actions";
import { updateOwnName, updateProfileSchema } from "@/lib/users/profile";

export const updateNameAction = authedAction(updateProfileSchema, (input, user) => updateOwnName(user, input));

"use server";
import { authedAction } from "@/lib/actions";
import { updateNameSchema, updateOwnProfile, updatePreferencesSchema } from "@/lib/users/profile";

export const updateNameAction = authedAction(updateNameSchema, (input, user) => updateOwnProfile(user, input));

/** Settings: single-key keyboard shortcuts on or off, for this person in every browser. */
export const updatePreferencesAction = authedAction(updatePreferencesSchema, (input, user) => updateOwnProfile(user, input));

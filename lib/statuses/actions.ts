"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { applyPreset, createStatus, deleteStatus, updateStatus } from "@/lib/statuses/data";
import { createStatusSchema, presetSchema, updateStatusSchema } from "@/lib/statuses/schemas";
import type { PresetKey } from "@/lib/statuses/scale";

const key = z.string().min(1).max(40);

export const createStatusAction = authedAction(createStatusSchema, (input, user) => createStatus(user, input));

export const updateStatusAction = authedAction(updateStatusSchema.extend({ statusKey: key }), ({ statusKey, ...input }, user) => updateStatus(user, statusKey, input));

export const deleteStatusAction = authedAction(z.object({ statusKey: key, moveTo: key.optional() }), ({ statusKey, moveTo }, user) => deleteStatus(user, statusKey, moveTo));

export const applyPresetAction = authedAction(presetSchema, ({ preset }, user) => applyPreset(user, preset as PresetKey));

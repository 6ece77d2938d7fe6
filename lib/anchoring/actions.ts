"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { settleAnchor } from "@/lib/anchoring/data";
import { anchorActionSchema } from "@/lib/anchoring/schemas";

export const settleAnchorAction = authedAction(
  z.object({ claimId: z.string().min(1).max(100), input: anchorActionSchema }),
  async ({ claimId, input }, user) => settleAnchor(user, claimId, input),
);

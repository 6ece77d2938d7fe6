"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { createToken, revokeToken } from "@/lib/tokens/data";
import { createTokenSchema, tokenIdSchema } from "@/lib/tokens/schemas";

export const createTokenAction = authedAction(createTokenSchema, (input, user) => createToken(user, input));

export const revokeTokenAction = authedAction(z.object({ tokenId: tokenIdSchema }), ({ tokenId }, user) => revokeToken(user, tokenId));

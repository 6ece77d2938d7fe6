"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { findArticleChoices } from "@/lib/claims/queues";

/** The claims list's article filter: titles matching what was typed (any signed-in reader). */
export const findArticleChoicesAction = authedAction(z.object({ q: z.string().max(200) }), ({ q }, user) => findArticleChoices(user, q));

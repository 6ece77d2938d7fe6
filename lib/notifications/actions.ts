"use server";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { countUnreadNotifications, markNotificationsRead } from "@/lib/notifications/data";
import { markReadSchema } from "@/lib/notifications/schemas";

export const countUnreadNotificationsAction = authedAction(z.object({}), (_input, user) => countUnreadNotifications(user));


export const markNotificationsReadAction = authedAction(markReadSchema, (input, user) => markNotificationsRead(user, input));

import { apiRoute } from "@/lib/http/api";
import { deleteEvidence } from "@/lib/evidence/data";

export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  await deleteEvidence(user, params.id);
});

import { apiRoute } from "@/lib/http/api";
import { deleteEvidence, updateEvidence } from "@/lib/evidence/data";
import { updateEvidenceSchema } from "@/lib/evidence/schemas";

export const PATCH = apiRoute<{ id: string }>(async ({ user, params, body }) => updateEvidence(user, params.id, await body(updateEvidenceSchema)));

export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  await deleteEvidence(user, params.id);
});

import { apiRoute } from "@/lib/http/api";
import { addEvidence } from "@/lib/evidence/data";
import { addEvidenceSchema } from "@/lib/evidence/schemas";

export const POST = apiRoute<{ id: string }>(
  async ({ user, params, body }) => addEvidence(user, params.id, await body(addEvidenceSchema)),
  { successStatus: 201 },
);

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimSelect, toClaimDto, type ClaimDto, type PersonRef } from "@/lib/claims/dto";

type Tx = Prisma.TransactionClient;

// The claim save (lib/claims/data.ts updateClaim) is the app's hot write path. Reading a claim with
// `claimSelect` costs one query per person relation (the ORM does not join them on SQLite), and the
// save used to read the claim twice. Here the claim's own columns come in one query, every person
// the save needs (the four on the claim, the actor, a new assignee) in one more, and the DTO is
// built from those rows: the same object `toClaimDto` makes from `claimSelect`.

const { reviewedBy: _r, assignee: _a, createdBy: _c, statusSetBy: _s, ...ownColumns } = claimSelect;

/** `claimSelect` without its person relations, with the people's ids instead. */
export const claimColumnsSelect = { ...ownColumns, reviewedById: true, assigneeId: true, createdById: true, statusSetById: true } as const;

/** A claim row as `claimColumnsSelect` reads it. */
export type ClaimColumns = Prisma.ClaimGetPayload<{ select: typeof claimColumnsSelect }>;

export type Person = { id: string; name: string; disabled: boolean };

/** The people with these ids (nulls and repeats ignored), in one query, keyed by id. */
export async function loadPeople(tx: Tx, ids: (string | null | undefined)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, disabled: true } });
  return new Map(rows.map((row) => [row.id, row]));
}

/** The PersonRef of `id` as `claimSelect` gives it (`{ id, name }`, or null). */
export function personRef(people: Map<string, Person>, id: string | null): PersonRef {
  const found = id ? people.get(id) : undefined;
  return found ? { id: found.id, name: found.name } : null;
}

/** The ids of the people a claim row refers to. */
export function peopleOf(row: ClaimColumns): (string | null)[] {
  return [row.reviewedById, row.assigneeId, row.createdById, row.statusSetById];
}

/** The API's claim object from a claim row and its people. */
export function claimDtoFromColumns(row: ClaimColumns, people: Map<string, Person>): ClaimDto {
  const { reviewedById, assigneeId, createdById, ...rest } = row;
  return toClaimDto({
    ...rest,
    reviewedBy: personRef(people, reviewedById),
    assignee: personRef(people, assigneeId),
    createdBy: personRef(people, createdById),
    statusSetBy: personRef(people, row.statusSetById),
  });
}

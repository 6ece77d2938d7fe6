/**
 * When kept stats counts may be reused (lib/stats/data.ts). Pure: no I/O.
 *
 * The stamp is what the database says about the two tables the counts come from: how many claims
 * and articles there are, and the newest updatedAt of each. Every claim or article created,
 * deleted or changed moves one of these: a change sets the row's updatedAt to the writer's clock,
 * a deletion lowers a count (an article's claims go with it), and moving claims to another status
 * (a status deleted with moveTo) is an update like any other. Whether a status is a verdict is not
 * kept at all: it is read each time.
 *
 * A newest updatedAt proves nothing about a write whose time is not after it: two writes in the
 * same millisecond, a transaction that took its time before it committed (it stamps its rows when
 * it runs the UPDATE, not when it commits), another server whose clock runs behind, or a time in
 * the future (a copied database, a row written with a set time). So counts are kept only when the
 * newest change is older than TRUST_AFTER_MS at the moment the stamp was read, and never when it
 * lies in the future: any write still in flight then would have had to stay uncommitted longer
 * than a transaction may run (the ORM's interactive transactions end after 5 s). While people
 * are writing, the counts are simply counted again on each request.
 */
export const TRUST_AFTER_MS = 15_000;

export type StampRow = { claims: unknown; claimsChanged: unknown; articles: unknown; articlesChanged: unknown };

const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? "" : String(v));

/** The stamp as one string (the drivers give numbers, bigints, text or Dates: each is written out). */
export function statsStamp(row: StampRow): string {
  return [row.claims, row.claimsChanged, row.articles, row.articlesChanged].map(text).join("|");
}

/** Whether counts read at `readAt` (ms) whose newest change was at `newest` (ms) may be kept. */
export function countsTrusted(newest: number, readAt: number): boolean {
  return Number.isFinite(newest) && newest <= readAt - TRUST_AFTER_MS;
}

/**
 * Literal, case-insensitive search in every script, portable to SQLite and PostgreSQL: texts are
 * stored case-folded in a search column and matched with a plain substring test (`contains`).
 * Pure: no I/O.
 *
 * Folding: NFKC (compatibility forms: "ﬁ" is "fi", full-width letters are letters), then upper-
 * and lower-casing (ä/Ä, ß/SS, Σ/σ/ς), then the LIKE wildcards and escape character are mapped
 * to private-use characters, both in the stored text and in the query: `%` and `_` are text,
 * never wildcards, on either database, without dialect-specific SQL.
 */

/** Between fields: private-use (SQLite's LIKE would stop at a NUL). */
const SEPARATOR = "\n\uE003\n";

const WILDCARDS: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };

/** The folded form of `text` for storing and for querying. */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .toUpperCase()
    .toLowerCase()
    .replace(/ς/g, "σ")
    .replace(/[%_\\]/g, (c) => WILDCARDS[c]);
}

/** Parts joined with a separator no query can contain, so a match never spans two fields. */
export function searchDocument(parts: (string | null | undefined)[]): string {
  return parts.map((p) => foldForSearch(p ?? "")).join(SEPARATOR);
}

/** The needle for a query, or null when nothing is left to search for. */
export function searchNeedle(q: string | undefined | null): string | null {
  const folded = foldForSearch((q ?? "").trim()).replace(/\uE003/g, "");
  return folded.length ? folded : null;
}

/**
 * A `?next=` value made safe to redirect to: a path on this site, or the fallback. Browsers
 * ignore tabs and newlines in URLs and treat "\" like "/", so "/\t/evil.example" would become
 * "//evil.example" (another site); only printable ASCII without backslashes is accepted, and the
 * result must resolve to this origin.
 */
export function safeNextPath(next: string | undefined | null, fallback = "/articles"): string {
  if (!next || next.length > 2000 || !/^\/[\x21-\x7e]*$/.test(next) || next.includes("\\") || next.startsWith("//")) return fallback;
  try {
    const base = "http://same.invalid";
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

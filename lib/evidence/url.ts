/**
 * Evidence addresses as people type them. Pure: used by the form (to show what will be saved)
 * and by the schema (to save exactly that).
 */

export type UrlCheck = { ok: true; url: string; added: boolean } | { ok: false; error: string };

// "example.org:8080/x" is a host and port, not a scheme called "example.org".
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d+([/?#]|$))/i;

/**
 * An http(s) address: input with no scheme at all (`example.org/report`) gets `https://`;
 * any other scheme, a user name or password, or no proper host name is refused.
 */
export function normalizeEvidenceUrl(input: string): UrlCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, error: "Enter the address of the source." };
  let candidate = raw;
  let added = false;
  if (raw.startsWith("//")) {
    candidate = `https:${raw}`;
    added = true;
  } else if (!SCHEME.test(raw)) {
    candidate = `https://${raw}`;
    added = true;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, error: "This is not a web address. Enter one like https://example.org/report." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: `Only http:// and https:// addresses can be evidence (this one is ${url.protocol.replace(/:$/, "")}:).` };
  }
  if (url.username || url.password) return { ok: false, error: "Remove the user name and password from the address." };
  const host = url.hostname;
  if (!host || (!host.includes(".") && !host.startsWith("[") && host !== "localhost")) {
    return { ok: false, error: "The address needs a full host name, like example.org." };
  }
  return { ok: true, url: url.href, added };
}

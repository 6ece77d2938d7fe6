/** HTML escaping for the report builders. Pure. */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Escaped text with its line breaks kept as <br>. */
export function escapeHtmlLines(text: string): string {
  return escapeHtml(text.trim()).replace(/\n/g, "<br>");
}

/**
 * Text positions. An article body is stored normalised (line endings "\n", Unicode NFC) and
 * every offset is a UTF-16 code-unit index into that stored body, `end` exclusive, as in the
 * W3C Web Annotation TextPositionSelector.
 */

export const CONTEXT_LENGTH = 32;

/** Normalises pasted or uploaded text to the stored form: "\n" line endings, NFC, no BOM. */
export function normalizeBody(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
}

export type QuoteSelector = { quote: string; prefix: string; suffix: string };

function isHighSurrogate(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `index` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  return isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}

/** Why a range cannot be a claim in `body`, or null when it can. */
export function rangeProblem(body: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "start and end must be whole numbers.";
  if (start < 0 || end > body.length) return `The range must lie within the article (0 to ${body.length}).`;
  if (end <= start) return "end must be greater than start.";
  if (splitsSurrogatePair(body, start) || splitsSurrogatePair(body, end))
    return "The range cuts a character in half (inside a surrogate pair).";
  if (body.slice(start, end).trim() === "") return "The selected text is only white space.";
  return null;
}

/** The TextQuoteSelector of a range: the quote and up to 32 code units either side. */
export function quoteSelector(body: string, start: number, end: number): QuoteSelector {
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(body, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(body.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(body, suffixEnd)) suffixEnd -= 1;
  return { quote: body.slice(start, end), prefix: body.slice(prefixStart, start), suffix: body.slice(end, suffixEnd) };
}

/** Narrows a range so it neither starts nor ends with white space (what a reader meant to select). */
export function trimRange(body: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(body[start])) start++;
  while (end > start && /\s/.test(body[end - 1])) end--;
  return { start, end };
}

/**
 * A W3C Web Annotation collection (Web Annotation Data Model, 2017): one annotation per claim,
 * `motivation: "assessing"`, a target on the article's source with a TextQuoteSelector and a
 * TextPositionSelector, bodies for the status, the rationale and the evidence links. Pure.
 *
 * The model counts TextPositionSelector positions in Unicode code points, while the API's
 * offsets are UTF-16 code units: positions are converted here (they differ after an emoji).
 */
import { stanceLabel } from "@/lib/vocabulary";
import { prettyJsonWithArray } from "@/lib/reports/json";
import { isAnchored, isHttpUrl, type ReportClaim, type ReportData } from "@/lib/reports/model";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const ANNO_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** Converts a UTF-16 offset in `text` to a code-point offset. */
export function codePointOffset(text: string, utf16: number): number {
  let points = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate after a high one belongs to the same code point.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    points++;
  }
  return points;
}

type Agent = { type: "Person" | "Organization"; name: string; homepage?: string };

function person(name: string | null): Agent | undefined {
  return name ? { type: "Person", name } : undefined;
}

/** The annotation of one claim. */
export function claimAnnotation(data: ReportData, claim: ReportClaim, positions: { toPoints: (n: number) => number }) {
  const { article } = data;
  const source = isHttpUrl(article.sourceUrl) ? article.sourceUrl : `${data.appOrigin}/articles/${encodeURIComponent(article.id)}`;
  const selectors: Record<string, unknown>[] = [];
  if (isAnchored(claim) && claim.quote != null) {
    selectors.push({ type: "TextQuoteSelector", exact: claim.quote, prefix: claim.prefix, suffix: claim.suffix });
    selectors.push({ type: "TextPositionSelector", start: positions.toPoints(claim.start!), end: positions.toPoints(claim.end!) });
  } else {
    // Not in the current text: the quote the verdict was about is all there is.
    selectors.push({ type: "TextQuoteSelector", exact: claim.checkedQuote });
  }
  const bodies: Record<string, unknown>[] = [
    { type: "TextualBody", purpose: "assessing", value: claim.status.label, format: "text/plain", language: "en" },
  ];
  if (claim.rationale.trim()) bodies.push({ type: "TextualBody", purpose: "commenting", value: claim.rationale, format: "text/plain" });
  if (claim.summary.trim()) bodies.push({ type: "TextualBody", purpose: "describing", value: claim.summary, format: "text/plain" });
  for (const e of claim.evidence) {
    if (!isHttpUrl(e.url)) continue;
    bodies.push({ type: "SpecificResource", purpose: "linking", source: e.url });
    const words = [`${stanceLabel(e.stance)}: ${e.title.trim() || e.url}`, e.note.trim()].filter(Boolean).join(" — ");
    bodies.push({ type: "TextualBody", purpose: "describing", value: `${words} <${e.url}>`, format: "text/plain" });
  }
  const creator = person(claim.statusSetBy ?? claim.createdBy);
  return {
    id: `${data.appOrigin}/api/v1/claims/${encodeURIComponent(claim.id)}`,
    type: "Annotation",
    motivation: "assessing",
    ...(creator ? { creator } : {}),
    created: claim.createdAt,
    modified: claim.updatedAt,
    generated: data.generatedAt,
    generator: { type: "Software", name: "ClaimCheck", homepage: data.appOrigin },
    body: bodies,
    target: {
      type: "SpecificResource",
      source,
      selector: selectors,
    },
  };
}

/** The annotation collection of a report (one page holding every annotation). */
export function buildAnnotationCollection(data: ReportData) {
  const body = data.article.body;
  // Precompute code-point offsets once: O(body) instead of O(body) per claim.
  const points = new Int32Array(body.length + 1);
  for (let i = 0, p = 0; i <= body.length; i++) {
    points[i] = p;
    const c = body.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < body.length)) p++;
    else {
      const n = body.charCodeAt(i + 1);
      if (!(n >= 0xdc00 && n <= 0xdfff)) p++;
    }
  }
  const toPoints = (n: number) => points[Math.max(0, Math.min(body.length, n))];
  const id = `${data.appOrigin}/api/v1/articles/${encodeURIComponent(data.article.id)}/report?format=annotations&scope=${data.scope}`;
  const items = data.claims.map((c) => claimAnnotation(data, c, { toPoints }));
  const page = { id: `${id}&page=0`, type: "AnnotationPage", partOf: id, startIndex: 0, items };
  return {
    "@context": ANNO_CONTEXT,
    id,
    type: "AnnotationCollection",
    label: `Claims checked in “${data.article.title}” (revision ${data.article.revision})${data.scope === "approved" ? ", approved verdicts only" : ""}`,
    total: items.length,
    ...(data.organization.name ? { creator: { type: "Organization", name: data.organization.name, ...(isHttpUrl(data.organization.url) ? { homepage: data.organization.url } : {}) } } : {}),
    generated: data.generatedAt,
    ...(items.length ? { first: page, last: page.id } : {}),
  };
}

/** The annotations file's text. */
export function buildAnnotationsReport(data: ReportData): Promise<string> {
  const collection = buildAnnotationCollection(data);
  if (!collection.first) return prettyJsonWithArray(collection, "@items", []);
  const { items, ...page } = collection.first;
  return prettyJsonWithArray({ ...collection, first: { ...page, items: "@items" } }, "@items", items);
}

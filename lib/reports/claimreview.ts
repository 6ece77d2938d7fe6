/**
 * schema.org ClaimReview JSON-LD, one item per claim whose status is a verdict (API.md), and a
 * checker for Google's and schema.org's field rules. Pure.
 */
import { prettyJsonWithArray } from "@/lib/reports/json";
import { day, isHttpUrl, reportFileNames, type ReportClaim, type ReportData } from "@/lib/reports/model";

export type ClaimReviewItem = {
  "@context": "https://schema.org";
  "@type": "ClaimReview";
  url?: string;
  claimReviewed: string;
  datePublished: string;
  author: { "@type": "Organization"; name?: string; url?: string };
  reviewRating: {
    "@type": "Rating";
    alternateName: string;
    ratingValue?: number;
    bestRating?: number;
    worstRating?: number;
  };
  itemReviewed: {
    "@type": "Claim";
    author?: { "@type": "Person" | "Organization"; name: string };
    appearance?: string;
    datePublished?: string;
  };
};

/** The public address of one claim's review: the published report under the public base URL. */
export function claimReviewUrl(data: ReportData, claim: Pick<ReportClaim, "number">): string | undefined {
  if (!isHttpUrl(data.publicBaseUrl)) return undefined;
  const base = data.publicBaseUrl.endsWith("/") ? data.publicBaseUrl : `${data.publicBaseUrl}/`;
  const page = reportFileNames(data.article.title, data.generatedAt, "html").ascii.replace(/-\d{4}-\d{2}-\d{2}\.html$/, "");
  return new URL(`${encodeURIComponent(page)}#claim-${claim.number}`, base).href;
}

/** One ClaimReview for a verdict. */
export function claimReviewItem(data: ReportData, claim: ReportClaim): ClaimReviewItem {
  const rating = claim.status.rating;
  const url = claimReviewUrl(data, claim);
  const org = data.organization;
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    ...(url ? { url } : {}),
    claimReviewed: (claim.summary.trim() || claim.checkedQuote).replace(/\s+/g, " ").trim(),
    datePublished: day(claim.reviewedAt ?? claim.updatedAt),
    author: {
      "@type": "Organization",
      ...(org.name ? { name: org.name } : {}),
      ...(isHttpUrl(org.url) ? { url: org.url } : {}),
    },
    reviewRating: {
      "@type": "Rating",
      alternateName: claim.status.label,
      ...(rating ? { ratingValue: rating.value, bestRating: rating.best, worstRating: rating.worst } : {}),
    },
    itemReviewed: {
      "@type": "Claim",
      ...(claim.claimant.trim() ? { author: { "@type": "Person" as const, name: claim.claimant.trim() } } : {}),
      ...(isHttpUrl(data.article.sourceUrl) ? { appearance: data.article.sourceUrl } : {}),
      ...(data.article.publishedAt ? { datePublished: day(data.article.publishedAt) } : {}),
    },
  };
}

/** The ClaimReview array of a report: one per claim whose status is a verdict. */
export function buildClaimReviews(data: ReportData): ClaimReviewItem[] {
  return data.claims.filter((c) => c.status.isVerdict).map((c) => claimReviewItem(data, c));
}

// ---------------------------------------------------------------- checker

export type ClaimReviewIssue = { index: number; path: string; message: string };
export type ClaimReviewCheck = { errors: ClaimReviewIssue[]; warnings: ClaimReviewIssue[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isIsoDate(value: unknown): boolean {
  if (typeof value !== "string" || !ISO_DATE.test(value)) return false;
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

const isText = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks ClaimReview items against Google's fact-check rules and schema.org's field types:
 * required fields, `reviewRating.alternateName`, numbers inside worstRating..bestRating (1..5
 * when not given), absolute http(s) URLs, ISO 8601 dates. `claimReviewed` over 75 characters
 * is a warning (Google shows about that much).
 */
export function checkClaimReviews(items: unknown[]): ClaimReviewCheck {
  const errors: ClaimReviewIssue[] = [];
  const warnings: ClaimReviewIssue[] = [];
  items.forEach((item, index) => {
    const error = (path: string, message: string) => errors.push({ index, path, message });
    const warn = (path: string, message: string) => warnings.push({ index, path, message });
    if (!isObject(item)) return error("", "Each item must be a ClaimReview object.");
    const context = item["@context"];
    if (context !== "https://schema.org" && context !== "http://schema.org" && context !== "https://schema.org/") error("@context", "@context must be https://schema.org.");
    if (item["@type"] !== "ClaimReview") error("@type", "@type must be ClaimReview.");
    // url: required by Google, an absolute http(s) URL.
    if (item.url === undefined) error("url", "url is missing: set the public base URL of published reports on the settings page.");
    else if (!isHttpUrl(item.url as string)) error("url", "url must be an absolute http(s) URL.");
    // claimReviewed
    if (!isText(item.claimReviewed)) error("claimReviewed", "claimReviewed is missing: the claim needs a summary or quote.");
    else if ([...item.claimReviewed].length > 75) warn("claimReviewed", `claimReviewed is ${[...item.claimReviewed].length} characters; Google shows about 75. A shorter summary reads better.`);
    // datePublished
    if (item.datePublished === undefined) error("datePublished", "datePublished is missing.");
    else if (!isIsoDate(item.datePublished)) error("datePublished", "datePublished must be an ISO 8601 date (yyyy-mm-dd).");
    // author: the fact-checking organisation.
    const author = item.author;
    if (!isObject(author)) error("author", "author (the fact-checking organisation) is missing.");
    else {
      if (author["@type"] !== "Organization" && author["@type"] !== "Person") error("author.@type", "author must be an Organization or a Person.");
      if (!isText(author.name)) error("author.name", "author.name is missing: set the organisation's name on the settings page.");
      if (author.url === undefined) warn("author.url", "author.url is missing: set the organisation's web address on the settings page.");
      else if (!isHttpUrl(author.url as string)) error("author.url", "author.url must be an absolute http(s) URL.");
    }
    // reviewRating
    const rating = item.reviewRating;
    if (!isObject(rating)) error("reviewRating", "reviewRating is missing.");
    else {
      if (rating["@type"] !== "Rating") error("reviewRating.@type", "reviewRating.@type must be Rating.");
      if (!isText(rating.alternateName)) error("reviewRating.alternateName", "reviewRating.alternateName (the verdict's name) is missing.");
      const numbers = ["ratingValue", "bestRating", "worstRating"] as const;
      for (const key of numbers) {
        if (rating[key] !== undefined && (typeof rating[key] !== "number" || !Number.isFinite(rating[key]))) error(`reviewRating.${key}`, `reviewRating.${key} must be a number.`);
      }
      const best = typeof rating.bestRating === "number" ? rating.bestRating : 5;
      const worst = typeof rating.worstRating === "number" ? rating.worstRating : 1;
      if (best <= worst) error("reviewRating.bestRating", `bestRating (${best}) must be greater than worstRating (${worst}).`);
      if (typeof rating.ratingValue === "number" && (rating.ratingValue < worst || rating.ratingValue > best)) {
        error("reviewRating.ratingValue", `ratingValue ${rating.ratingValue} lies outside worstRating..bestRating (${worst}..${best}).`);
      }
    }
    // itemReviewed
    const claim = item.itemReviewed;
    if (!isObject(claim)) error("itemReviewed", "itemReviewed (the Claim) is missing.");
    else {
      if (claim["@type"] !== "Claim") error("itemReviewed.@type", "itemReviewed.@type must be Claim.");
      if (claim.author === undefined) warn("itemReviewed.author", "itemReviewed.author is missing: name the claimant.");
      else if (!isObject(claim.author) || !isText(claim.author.name)) error("itemReviewed.author", "itemReviewed.author needs a name.");
      const appearance = isObject(claim.appearance) ? claim.appearance.url : claim.appearance;
      if (appearance === undefined) warn("itemReviewed.appearance", "itemReviewed.appearance is missing: the article has no source URL.");
      else if (!isHttpUrl(appearance as string)) error("itemReviewed.appearance", "itemReviewed.appearance must be an absolute http(s) URL.");
      if (claim.datePublished !== undefined && !isIsoDate(claim.datePublished)) error("itemReviewed.datePublished", "itemReviewed.datePublished must be an ISO 8601 date.");
    }
  });
  return { errors, warnings };
}

/** The ClaimReview file's text. */
export function buildClaimReviewReport(data: ReportData): Promise<string> {
  return prettyJsonWithArray("@items", "@items", buildClaimReviews(data));
}

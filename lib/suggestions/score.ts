/**
 * Claim suggestions: which sentences are worth checking, and why, in words. Rule-based, pure,
 * no network and no model: numbers, percentages, money, dates and durations, comparisons and
 * superlatives, attributions ("said", "according to", "accused") and named people or
 * organisations making statements. Questions and headline fragments are not suggested.
 */

import { MAX_CLAIM_SPAN } from "@/lib/claims/schemas";

export type Suggestion = { start: number; end: number; quote: string; score: number; reasons: string[] };

export const SUGGESTION_THRESHOLD = 0.5;

type Span = { start: number; end: number };

/** Sentences of a text with their offsets (paragraph breaks always end a sentence). */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  const para = /[^\n]+/g;
  let p: RegExpExecArray | null;
  while ((p = para.exec(text))) {
    const base = p.index;
    const line = p[0];
    // A sentence ends at . ! ? (and closing quotes) followed by white space and a capital, a quote or a digit.
    const end = /[.!?…]+["”’»)]*(?=\s+["“‘«(]?[\p{Lu}\d])/gu;
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = end.exec(line))) {
      const to = m.index + m[0].length;
      pushTrimmed(out, text, base + from, base + to);
      from = to;
    }
    pushTrimmed(out, text, base + from, base + line.length);
  }
  return out;
}

function pushTrimmed(out: Span[], text: string, start: number, end: number) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.";
const WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|double|twice|triple";
const UNITS = "seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)";

const re = {
  percent: /\d[\d.,]*\s?(?:%|per ?cent\b|percentage points?\b)/i,
  money: /(?:[$€£¥]\s?\d|\d[\d.,]*\s?(?:dollars|euros|pounds|yuan|rubles|roubles)\b|\bUS\$)/i,
  number: new RegExp(`(?:\\b\\d[\\d.,]*\\b|\\b(?:${NUMBER_WORDS})\\b)`, "i"),
  year: /\b(?:1[89]\d\d|20\d\d)\b/,
  date: new RegExp(`\\b(?:${MONTHS})\\b|\\b(?:${WEEKDAYS})\\b|\\b(?:last|next|this|earlier this|later this)\\s+(?:year|month|week|spring|summer|autumn|fall|winter|${MONTHS})\\b|\\b(?:yesterday|recently|in recent years)\\b`, "i"),
  duration: new RegExp(`\\b(?:\\d[\\d.,]*|${NUMBER_WORDS}|several|many|few)[\\s-]+${"(?:" + UNITS + ")"}\\b|\\b(?:${UNITS})\\s+(?:after|before|ago|later|earlier)\\b`, "i"),
  comparison: /\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse)\s+than\b|\b(?:largest|biggest|highest|lowest|smallest|most|least|fastest|slowest|worst|best|first|only|record|unprecedented|major|majority|minority|nearly|almost|over|under|at least|up to|doubled|tripled|halved|rose|fell|increased|decreased)\b/i,
  attributionVerb: /\b(?:said|says|say|told|tells|announced|stated|claimed|claims|accused|accuses|denied|denies|insisted|argued|warned|urged|reported|confirmed|called for|alleged|according to)\b/i,
  accusation: /\b(?:accused|accuses|alleged|denied|denies|condemned|criticized|criticised|blamed)\b/i,
  act: /\b(?:visited|visit|met|meet|signed|released|attended|helped|restored|launched|killed|invaded|voted|passed|approved|banned|cut|raised|won|lost|built|spent|paid|received|sent|shipped|strengthened)\b/i,
};

// At most seven capitalised words: a longer run (a text of one repeated name) would make each
// pattern below try every start in it, time the square of its length.
const NAME = "(?:the\\s+)?(?:[\\p{Lu}][\\p{L}’'\\-]+)(?:\\s+(?:of\\s+the\\s+|of\\s+|for\\s+|al-|bin\\s+)?[\\p{Lu}][\\p{L}’'\\-]+){0,6}";
const STOP_NAMES = new Set(["The", "A", "An", "In", "On", "At", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "His", "Her", "Their", "Its", "But", "And", "For", "As", "If", "When", "While", "According", "For its part", "Kuleba said"]);

/** Proper names in a sentence (capitalised words, not the sentence's first word unless it is clearly one). */
function namesIn(sentence: string): string[] {
  const out: string[] = [];
  const rx = /(?:[\p{Lu}][\p{L}’'\-]+)(?:\s+(?:of\s+the\s+|of\s+)?[\p{Lu}][\p{L}’'\-]+)*/gu;
  let m: RegExpExecArray | null;
  while ((m = rx.exec(sentence))) {
    let name = m[0].replace(/[’']s$/, "");
    if (m.index === 0 || /[“"‘(]$/.test(sentence.slice(0, m.index))) {
      const first = name.split(/\s+/)[0];
      if (STOP_NAMES.has(first) || /^(?:[\p{Lu}][\p{Ll}]+ly|Even|Also|Still|Yet|Now|Then|Here|There|Some|Many|Most|All|Both|Each|Every|No|Not|Only|Why|What|How|Who)$/u.test(first)) {
        const rest = name.split(/\s+/).slice(1).join(" ");
        if (!rest) continue;
        name = rest;
      }
    }
    if (STOP_NAMES.has(name) || new RegExp(`^(?:${WEEKDAYS}|${MONTHS})$`).test(name)) continue;
    out.push(name);
  }
  return [...new Set(out)];
}

/** Who a statement is attributed to, if the sentence names them. */
function attributedTo(sentence: string): string | null {
  const u = "u";
  const patterns = [
    new RegExp(`[Aa]ccording to\\s+(?:an?\\s+[\\p{Ll} -]+?,?\\s+)?(${NAME})`, u),
    new RegExp(`(?<!\\p{L})((?:[Tt]he\\s+)?(?:[\\p{Lu}][\\p{L}\\-]+[’']s\\s+)?(?:[\\p{Ll}]+\\s+)?(?:ministry|ministers?|government|spokes(?:man|woman|person)|officials?|police|army|military|president|office|department|agency|court|minister|leaders?))\\s+(?:said|says|told|announced|stated|claimed|accused|denied|warned|urged|reported|confirmed)\\b`, u),
    new RegExp(`(${NAME})(?:,[^,]{0,80},)?\\s+(?:even\\s+|also\\s+|has\\s+|have\\s+|had\\s+)?(?:said|says|told|announced|stated|claimed|claims|accused|accuses|denied|denies|insisted|argued|warned|urged|reported|confirmed|alleged)\\b`, u),
    new RegExp(`(?:said|says|told|announced|stated)\\s+(${NAME})(?=[,.;]|$)`, u),
  ];
  for (const p of patterns) {
    const m = sentence.match(p);
    if (m) {
      const who = m[1].trim();
      const first = who.replace(/^the\s+/i, "").split(/\s+/)[0];
      if (["He", "She", "They", "It", "We", "I", "This", "That", "In", "For"].includes(first)) continue;
      return who.replace(/^The\s/, "the ");
    }
  }
  return null;
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Scores one sentence: a 0..1 score and the reasons in words. */
export function scoreSentence(sentence: string): { score: number; reasons: string[] } {
  const words = sentence.split(/\s+/).filter(Boolean);
  if (words.length < 5) return { score: 0, reasons: [] };
  const reasons: string[] = [];
  const kinds: string[] = [];
  let score = 0;

  const yearOrDate = re.year.test(sentence) || re.date.test(sentence);
  const withoutYears = sentence.replace(re.year, "");
  if (re.percent.test(sentence)) {
    kinds.push("a percentage");
    score += 0.4;
  } else if (re.money.test(sentence)) {
    kinds.push("an amount of money");
    score += 0.4;
  } else if (re.number.test(withoutYears)) {
    kinds.push("a number");
    score += 0.3;
  }
  if (re.duration.test(sentence)) {
    kinds.push("a duration");
    score += 0.3;
  } else if (yearOrDate) {
    kinds.push("a date");
    score += 0.25;
  }
  if (re.comparison.test(sentence)) {
    kinds.push("a comparison");
    score += 0.15;
  }
  if (kinds.length) reasons.push(joinWords(kinds));

  const who = attributedTo(sentence);
  if (who) {
    reasons.push(`attributed to ${who}`);
    // A named speaker: whether they said it, and whether it is so, can both be checked.
    score += /^(?:the\s+)?[\p{Lu}]/u.test(who) ? 0.4 : 0.3;
  } else if (re.attributionVerb.test(sentence)) {
    reasons.push("a reported statement");
    score += 0.2;
  }
  if (re.accusation.test(sentence)) {
    reasons.push("an accusation or denial");
    score += 0.2;
  }
  const names = namesIn(sentence).filter((n) => n !== who);
  if (names.length) {
    reasons.push(`names ${joinWords(names.slice(0, 3))}`);
    score += Math.min(0.25, 0.1 * names.length);
    // Something a named actor did, at a stated time: checkable against the record.
    if (re.act.test(sentence) && (yearOrDate || kinds.length)) {
      reasons.push("an event that can be checked");
      score += 0.15;
    }
  }
  // Questions and fragments are not claims; opinions stated as questions even less.
  const trimmed = sentence.trim();
  if (/\?["”’»)]*$/.test(trimmed)) score *= 0.2;
  else if (!/[.!…"”’»)]$/.test(trimmed) && words.length < 12) score *= 0.4;
  return { score: Math.min(1, Math.round(score * 100) / 100), reasons };
}

/** A sentence already (mostly) covered by a claim needs no suggestion. */
export function isClaimed(s: { start: number; end: number }, claims: Span[]): boolean {
  return claims.some((c) => c.start < s.end && s.start < c.end && Math.min(c.end, s.end) - Math.max(c.start, s.start) >= (s.end - s.start) / 2);
}

type SuggestOptions = { threshold?: number; exclude?: Span[] };

function scoreInto(out: Suggestion[], body: string, s: Span, threshold: number, exclude: Span[] | undefined) {
  // Longer than a claim may be, it cannot be accepted as one; and scoring a run of text with no
  // sentence end (2 MB of one repeated word) would take the scorer's patterns minutes.
  if (s.end - s.start > MAX_CLAIM_SPAN) return;
  if (exclude && isClaimed(s, exclude)) return;
  const quote = body.slice(s.start, s.end);
  const { score, reasons } = scoreSentence(quote);
  if (score >= threshold) out.push({ start: s.start, end: s.end, quote, score, reasons });
}

/** Suggested claims in `body`, in text order, each with a score and reasons. */
export function suggestClaims(body: string, options: SuggestOptions = {}): Suggestion[] {
  const threshold = options.threshold ?? SUGGESTION_THRESHOLD;
  const out: Suggestion[] = [];
  for (const s of splitSentences(body)) scoreInto(out, body, s, threshold, options.exclude);
  return out;
}

/**
 * The same as suggestClaims, in slices of about `sliceMs` of work with the event loop free between
 * them (`yieldNow`, setImmediate by default): a 2 MB text takes a few hundred milliseconds to
 * score, and a server scoring it in one go answers no other request meanwhile (the article's own
 * text among them).
 */
export async function suggestClaimsInSlices(
  body: string,
  options: SuggestOptions & { sliceMs?: number; yieldNow?: () => Promise<void> } = {},
): Promise<Suggestion[]> {
  const threshold = options.threshold ?? SUGGESTION_THRESHOLD;
  const sliceMs = options.sliceMs ?? 5;
  const yieldNow = options.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const out: Suggestion[] = [];
  const sentences = splitSentences(body);
  let sliceStart = performance.now();
  for (let i = 0; i < sentences.length; i++) {
    scoreInto(out, body, sentences[i], threshold, options.exclude);
    // The clock is read every 32 sentences (about a millisecond of work), not after each one.
    if ((i & 31) === 31 && performance.now() - sliceStart >= sliceMs) {
      await yieldNow();
      sliceStart = performance.now();
    }
  }
  return out;
}

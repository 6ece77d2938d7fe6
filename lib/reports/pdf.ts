/**
 * The PDF verification report, made on the server with pdfkit: selectable text in embedded Noto
 * fonts (Latin, Cyrillic and Greek from Noto Sans; Chinese, Japanese and Korean characters from
 * Noto Sans SC; emoji from Noto Emoji; only the glyphs used are embedded), clickable http(s)
 * links, page numbers. The build yields to the event loop between claims.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import * as fontkit from "fontkit";
import { stanceLabel } from "@/lib/vocabulary";
import {
  countByStatus,
  day,
  isHttpUrl,
  partitionByAnchor,
  reportStamp,
  scopeDescription,
  sentenceContext,
  yieldToEventLoop,
  type ReportClaim,
  type ReportData,
} from "@/lib/reports/model";
import { anchorNote, claimLabel, reviewLine, REPORT_TITLE } from "@/lib/reports/words";
import type { ReportSink } from "@/lib/reports/stream";

export type PdfPaper = "A4" | "LETTER";

const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  cjk: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  emoji: "@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf",
} as const;
type FontName = keyof typeof FONT_FILES;

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type ShapingFont = fontkit.Font & { glyphsForString(text: string): Glyph[] };

/**
 * A view of `font` whose layout maps characters to glyphs through the cmap alone, without
 * OpenType shaping (no kerning or ligatures). Latin, Cyrillic, Greek and CJK text in NFC reads
 * the same, and the layout costs a fraction: shaping was most of the time of a large report.
 */
function withoutShaping(font: fontkit.Font): fontkit.Font {
  const base = font as ShapingFont;
  const view = Object.create(base) as ShapingFont;
  view.layout = (text: string) => {
    const glyphs = base.glyphsForString(text);
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return {
      glyphs,
      positions,
      // pdfkit scales `positions` in place and then reads this sum.
      get advanceWidth() {
        let w = 0;
        for (const p of positions) w += p.xAdvance;
        return w;
      },
    };
  };
  return view;
}

type LoadedFonts = Record<FontName, fontkit.Font>;
let fontCache: LoadedFonts | null = null;

/**
 * The fonts, read and parsed once per process from node_modules (REPORT_FONT_DIR overrides the
 * folder). Parsing Noto Sans's shaping tables costs ~300 ms, so the parsed fonts are shared by
 * every document; pdfkit subsets them per document.
 */
function fonts(): LoadedFonts {
  if (fontCache) return fontCache;
  const dir = process.env.REPORT_FONT_DIR ?? path.join(process.cwd(), "node_modules");
  const load = (file: string) => fontkit.create(readFileSync(path.join(dir, file)));
  fontCache = {
    regular: withoutShaping(load(FONT_FILES.regular)),
    bold: withoutShaping(load(FONT_FILES.bold)),
    cjk: withoutShaping(load(FONT_FILES.cjk)),
    // Flags and emoji sequences need the font's ligatures: emoji keep full shaping.
    emoji: load(FONT_FILES.emoji),
  };
  return fontCache;
}

const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/;
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u200d\ufe0f\u20e3]/u;

/** Splits text into runs, each set in the font that has its glyphs. */
export function fontRuns(text: string, base: "regular" | "bold"): { font: FontName; text: string }[] {
  const runs: { font: FontName; text: string }[] = [];
  for (const ch of text) {
    const font: FontName = CJK.test(ch) ? "cjk" : EMOJI.test(ch) ? "emoji" : base;
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

type Doc = PDFKit.PDFDocument;
type Piece = { text: string; bold?: boolean; color?: string; link?: string };

const INK = "#111111";
const MUTED = "#444444";
const LINK = "#0b3d91";

type Token = { text: string; font: FontName; color: string; link?: string; space: boolean; width: number };

// Advance widths at size 1 per character, shared by every document. Without shaping, a string's
// width is the sum of its characters' advances; emoji (shaped) are measured whole.
const charWidths: Partial<Record<FontName, Map<number, number>>> = {};
const emojiWidths = new Map<string, number>();

function measure(doc: Doc, font: FontName, text: string): number {
  if (font === "emoji") {
    let w = emojiWidths.get(text);
    if (w === undefined) {
      doc.font(font).fontSize(1);
      w = doc.widthOfString(text);
      if (emojiWidths.size > 10_000) emojiWidths.clear();
      emojiWidths.set(text, w);
    }
    return w;
  }
  const table = (charWidths[font] ??= new Map());
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    let w = table.get(code);
    if (w === undefined) {
      doc.font(font).fontSize(1);
      w = doc.widthOfString(String.fromCodePoint(code));
      table.set(code, w);
    }
    total += w;
  }
  return total;
}

const BREAK_CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;

/** Splits runs into breakable tokens: words, spaces, single CJK characters, line breaks. */
function tokenize(doc: Doc, runs: { font: FontName; text: string; color: string; link?: string }[], size: number): (Token | "newline")[] {
  const out: (Token | "newline")[] = [];
  for (const r of runs) {
    for (const part of r.text.split(/(\n|[ \t]+)/)) {
      if (part === "") continue;
      if (part === "\n") {
        out.push("newline");
        continue;
      }
      const space = /^[ \t]+$/.test(part);
      const pieces = r.font === "cjk" && !space ? [...part].reduce<string[]>((acc, ch) => {
        if (BREAK_CJK.test(ch) || acc.length === 0) acc.push(ch);
        else acc[acc.length - 1] += ch;
        return acc;
      }, []) : [space ? " " : part];
      for (const text of pieces) out.push({ text, font: r.font, color: r.color, link: r.link, space, width: measure(doc, r.font, text) * size });
    }
  }
  return out;
}

/** Breaks a token wider than a whole line into pieces that fit. */
function splitWide(doc: Doc, t: Token, width: number, size: number): Token[] {
  const out: Token[] = [];
  let cur = "";
  for (const ch of t.text) {
    if (cur && measure(doc, t.font, cur + ch) * size > width) {
      out.push({ ...t, text: cur, width: measure(doc, t.font, cur) * size });
      cur = "";
    }
    cur += ch;
  }
  if (cur) out.push({ ...t, text: cur, width: measure(doc, t.font, cur) * size });
  return out;
}

/**
 * Writes pieces of text as one wrapped paragraph, switching fonts per script. The line layout
 * is done here (greedy, breaking at spaces and between CJK characters) and each line is drawn
 * as a few unwrapped fragments, which keeps mixed fonts on one line and is fast.
 */
function paragraph(doc: Doc, pieces: Piece[], options: { size?: number; indent?: number; gap?: number } = {}) {
  const size = options.size ?? 10;
  const runs = pieces
    .filter((p) => p.text.length)
    .flatMap((p) => fontRuns(p.text, p.bold ? "bold" : "regular").map((r) => ({ ...r, color: p.color ?? INK, link: p.link && isHttpUrl(p.link) ? new URL(p.link).href : undefined })));
  if (runs.length === 0) return;
  const x0 = doc.page.margins.left + (options.indent ?? 0);
  const width = doc.page.width - doc.page.margins.right - x0;
  const lineHeight = size * 1.42;
  const lines: Token[][] = [[]];
  let used = 0;
  for (const t of tokenize(doc, runs, size)) {
    let line = lines[lines.length - 1];
    if (t === "newline") {
      lines.push([]);
      used = 0;
      continue;
    }
    if (t.space) {
      if (line.length) {
        line.push(t);
        used += t.width;
      }
      continue;
    }
    const parts = t.width > width ? splitWide(doc, t, width, size) : [t];
    for (const p of parts) {
      line = lines[lines.length - 1];
      if (used + p.width > width && line.length) {
        while (line.length && line[line.length - 1].space) line.pop();
        lines.push([]);
        line = lines[lines.length - 1];
        used = 0;
      }
      line.push(p);
      used += p.width;
    }
  }
  for (const line of lines) {
    while (line.length && line[line.length - 1].space) line.pop();
    if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
    }
    const y = doc.y;
    let x = x0;
    // Merge neighbouring tokens of the same style into one fragment.
    let i = 0;
    while (i < line.length) {
      const first = line[i];
      let text = first.text;
      let w = first.width;
      let j = i + 1;
      while (j < line.length && line[j].font === first.font && line[j].color === first.color && line[j].link === first.link) {
        text += line[j].text;
        w += line[j].width;
        j++;
      }
      doc.font(first.font).fontSize(size).fillColor(first.link ? LINK : first.color);
      doc.text(text, x, y, { lineBreak: false, link: first.link ?? null, underline: !!first.link });
      x += w;
      i = j;
    }
    doc.x = doc.page.margins.left;
    doc.y = y + lineHeight;
  }
  if (options.gap) doc.moveDown(options.gap);
}

function ensureSpace(doc: Doc, points: number) {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function chart(doc: Doc, rows: { status: { label: string; color: string }; count: number }[]) {
  const left = doc.page.margins.left;
  const labelWidth = 150;
  const barMax = 260;
  const rowHeight = 16;
  const max = Math.max(...rows.map((r) => r.count));
  ensureSpace(doc, rows.length * rowHeight + 10);
  let y = doc.y + 2;
  rows.forEach((r, i) => {
    const w = Math.max(2, (r.count / max) * barMax);
    const first = fontRuns(r.status.label, "regular")[0]?.font ?? "regular";
    doc.font(first).fontSize(9).fillColor(INK).text(r.status.label, left, y + 2, { width: labelWidth - 8, align: "right", lineBreak: false, ellipsis: true });
    const colour = /^#[0-9a-f]{6}$/i.test(r.status.color) ? r.status.color : "#475569";
    // Bars differ in pattern as well as colour: solid, then hatched, alternating.
    doc.save();
    doc.rect(left + labelWidth, y + 1, w, rowHeight - 4).fillOpacity(i % 2 === 0 ? 0.85 : 0.25).fillAndStroke(colour, INK);
    if (i % 2 === 1) {
      doc.save().rect(left + labelWidth, y + 1, w, rowHeight - 4).clip();
      for (let hx = -rowHeight; hx < w; hx += 5) doc.moveTo(left + labelWidth + hx, y + rowHeight - 3).lineTo(left + labelWidth + hx + rowHeight, y + 1 - 2).lineWidth(0.8).strokeOpacity(1).stroke(INK);
      doc.restore();
    }
    doc.restore();
    doc.font("regular").fontSize(9).fillColor(INK).fillOpacity(1).text(String(r.count), left + labelWidth + w + 5, y + 2, { lineBreak: false });
    y += rowHeight;
  });
  doc.x = left;
  doc.y = y + 6;
}

function field(doc: Doc, label: string, value: string | null | undefined) {
  if (!value || !value.trim()) return;
  paragraph(doc, [{ text: `${label}: `, bold: true }, { text: value.trim() }], { size: 9.5 });
}

function claimBlock(doc: Doc, data: ReportData, claim: ReportClaim, anchored: boolean) {
  ensureSpace(doc, 110);
  const top = doc.y;
  doc.moveTo(doc.page.margins.left, top).lineTo(doc.page.width - doc.page.margins.right, top).lineWidth(0.5).strokeColor("#999999").stroke();
  doc.y = top + 6;
  paragraph(doc, [{ text: `${claimLabel(claim)} · `, bold: true }, { text: claim.status.label, bold: true }], { size: 11.5, gap: 0.2 });
  const quoteTop = doc.y;
  if (anchored && claim.start != null && claim.end != null && claim.quote) {
    const ctx = sentenceContext(data.article.body, claim.start, claim.end);
    paragraph(doc, [{ text: ctx.before, color: MUTED }, { text: claim.quote, bold: true }, { text: ctx.after, color: MUTED }], { indent: 10, size: 10 });
  } else {
    paragraph(doc, [{ text: claim.checkedQuote, bold: true }], { indent: 10, size: 10 });
    paragraph(doc, [{ text: anchorNote(claim), color: MUTED }], { indent: 10, size: 9 });
  }
  if (doc.y > quoteTop) {
    doc.save().moveTo(doc.page.margins.left + 3, quoteTop).lineTo(doc.page.margins.left + 3, doc.y).lineWidth(2).strokeColor("#555555").stroke().restore();
  }
  doc.moveDown(0.3);
  field(doc, "Status", claim.status.label);
  field(doc, "Claim", claim.summary);
  field(doc, "Claimant", claim.claimant);
  field(doc, "Verdict set by", claim.statusSetBy);
  field(doc, "Review", reviewLine(claim));
  field(doc, "Review note", claim.reviewNote);
  if (claim.rationale.trim()) {
    doc.moveDown(0.2);
    paragraph(doc, [{ text: "Rationale", bold: true }], { size: 9.5 });
    paragraph(doc, [{ text: claim.rationale.trim() }], { size: 9.5 });
  }
  if (claim.evidence.length) {
    doc.moveDown(0.2);
    paragraph(doc, [{ text: "Evidence", bold: true }], { size: 9.5 });
    for (const e of claim.evidence) {
      const title = e.title.trim() || e.url;
      paragraph(
        doc,
        [
          { text: `• ${stanceLabel(e.stance)}: `, bold: true },
          { text: title, link: e.url },
          ...(e.title.trim() ? [{ text: ` ${e.url}`, color: MUTED }] : []),
          ...(e.note.trim() ? [{ text: ` — ${e.note.trim()}` }] : []),
        ],
        { size: 9.5, indent: 8 },
      );
    }
  }
  doc.moveDown(0.8);
}

/**
 * Builds the PDF report. With a sink, the file's bytes are written to it as pages are finished
 * (and an empty array is returned), so the whole file is never held at once.
 */
export async function buildPdfReport(data: ReportData, paper: PdfPaper = "A4", sink?: ReportSink): Promise<Uint8Array<ArrayBuffer>> {
  const f = fonts();
  const { article } = data;
  const doc = new PDFDocument({
    size: paper,
    margins: { top: 50, bottom: 56, left: 54, right: 54 },
    lang: "en",
    displayTitle: true,
    info: {
      Title: `${REPORT_TITLE}: ${article.title}`,
      Author: data.organization.name ?? "ClaimCheck",
      Subject: `Revision ${article.revision} of “${article.title}”`,
      Creator: "ClaimCheck",
      CreationDate: new Date(data.generatedAt),
    },
  });
  for (const name of Object.keys(f) as FontName[]) doc.registerFont(name, f[name] as unknown as Buffer);
  // Each page is numbered as it is made, so finished pages are written out (and compressed)
  // while the report is built, not all at the end.
  let pageNumber = 0;
  const numberPage = () => {
    pageNumber++;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).fillColor(MUTED);
    doc.text(`Page ${pageNumber}`, doc.page.margins.left, doc.page.height - 36, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
    doc.x = x;
    doc.y = y;
  };
  numberPage();
  doc.on("pageAdded", numberPage);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => (sink ? sink.bytes(c) : chunks.push(c)));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });

  paragraph(doc, [{ text: REPORT_TITLE.toUpperCase(), color: MUTED }], { size: 9 });
  paragraph(doc, [{ text: article.title, bold: true }], { size: 18, gap: 0.3 });
  const meta: [string, string | null, string?][] = [
    ["Outlet", article.outlet],
    ["Author", article.author],
    ["Published", article.publishedAt ? day(article.publishedAt) : null],
    ["Source", article.sourceUrl, article.sourceUrl ?? undefined],
    ["Revision", `${article.revision}${article.revisionCreatedAt ? ` of ${day(article.revisionCreatedAt)}` : ""}`],
    ["Fact-checked by", data.organization.name, data.organization.url ?? undefined],
    ["Generated", reportStamp(data.generatedAt)],
  ];
  for (const [label, value, link] of meta) {
    if (value) paragraph(doc, [{ text: `${label}: `, bold: true }, { text: value, link }], { size: 9.5 });
  }
  doc.moveDown(0.4);
  paragraph(doc, [{ text: scopeDescription(data), bold: true }], { size: 10, gap: 0.5 });
  paragraph(doc, [{ text: "Summary", bold: true }], { size: 13, gap: 0.2 });
  const counts = countByStatus(data);
  if (counts.length === 0) {
    paragraph(doc, [{ text: data.scope === "approved" ? "No approved verdicts yet." : "No claims have been marked in this article yet." }]);
  } else {
    chart(doc, counts);
    paragraph(doc, [{ text: counts.map((r) => `${r.status.label}: ${r.count}`).join(" · ") + " · " }, { text: `Total: ${data.claims.length}`, bold: true }], { size: 9.5, gap: 0.6 });
  }
  const { anchored, unanchored } = partitionByAnchor(data.claims);
  const section = async (title: string, claims: ReportClaim[], isAnchoredSection: boolean) => {
    if (!claims.length) return;
    ensureSpace(doc, 140);
    paragraph(doc, [{ text: title, bold: true }], { size: 13, gap: 0.3 });
    for (let i = 0; i < claims.length; i++) {
      if (i > 0 && i % 10 === 0) await yieldToEventLoop();
      claimBlock(doc, data, claims[i], isAnchoredSection);
    }
  };
  await section("Claims", anchored, true);
  await section("Claims not in the current revision", unanchored, false);

  doc.end();
  await done;
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength) as Uint8Array<ArrayBuffer>;
}

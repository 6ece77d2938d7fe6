import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { allowedErrors, editDistanceWithin, reanchorClaims, reanchorOne, type StoredAnchor } from "@/lib/anchoring/reanchor";
import { quoteSelector } from "@/lib/anchoring/text";

const demo = readFileSync(path.join(__dirname, "../../prisma/demo-article.txt"), "utf8").replace(/\r\n?/g, "\n").normalize("NFC");

function claimAt(body: string, quote: string, id = quote): StoredAnchor {
  const start = body.indexOf(quote);
  if (start < 0) throw new Error(`not in body: ${quote}`);
  return { id, ...quoteSelector(body, start, start + quote.length), anchor: "exact" };
}

describe("re-anchoring after an edit", () => {
  const quote = "Xi last visited Russia in 2019.";
  const claim = claimAt(demo, quote);

  it("finds an untouched claim exactly, with offsets shifted by text inserted before it", () => {
    const edited = "UPDATE: corrected on Monday.\n\n" + demo;
    const r = reanchorOne(edited, claim);
    expect(r.anchor).toBe("exact");
    expect(r.confidence).toBe(1);
    expect(edited.slice(r.start!, r.end!)).toBe(quote);
    expect(r.start).toBe(demo.indexOf(quote) + 30);
  });

  it("marks a claim whose words were lightly edited as moved, showing the new words", () => {
    const edited = demo.replace(quote, "Xi last visited Russia in 2019 .");
    const r = reanchorOne(edited, claim);
    expect(r.anchor).toBe("moved");
    expect(r.quote).toBe("Xi last visited Russia in 2019 .");
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThan(1);
  });

  it("orphans a claim whose sentence was rewritten", () => {
    const edited = demo.replace(quote, "The Chinese president was last in Moscow four years ago.");
    expect(reanchorOne(edited, claim)).toMatchObject({ anchor: "orphaned", start: null, end: null, quote: null, confidence: 0 });
  });

  it("never picks one of two places that match equally well", () => {
    const edited = demo.replace(quote, "Xi visited.") + "\n\nXi last visited Russia in 2019!\n\nXi last visited Russia in 2019?";
    expect(reanchorOne(edited, claim).anchor).toBe("orphaned");
  });

  it("follows a moved paragraph: exact when the quote kept its context", () => {
    const paras = demo.split("\n\n");
    const moved = [paras[1], paras[0], ...paras.slice(2)].join("\n\n");
    const inner = "the Chinese foreign ministry and the Kremlin announced on Friday";
    const r = reanchorOne(moved, claimAt(demo, inner));
    expect(r.anchor).toBe("exact");
    expect(moved.slice(r.start!, r.end!)).toBe(inner);
  });

  it("keeps a moved claim moved until a person confirms it, and retired claims retired", () => {
    expect(reanchorOne(demo, { ...claim, anchor: "moved" }).anchor).toBe("moved");
    expect(reanchorOne(demo, { ...claim, anchor: "retired" }).anchor).toBe("retired");
  });

  it("measures edit distance exactly within a bound", () => {
    expect(editDistanceWithin("kitten", "sitting", 3)).toBe(3);
    expect(editDistanceWithin("kitten", "sitting", 2)).toBeNull();
    expect(editDistanceWithin("", "abc", 3)).toBe(3);
  });
});

// Property tests: random edits over real article text.
const unicodeBits = ["é", "🇺🇦", "👩‍👩‍👧", "中文", "—", "“", "\n\n", " ", "2019", "Kremlin"];
type Edit =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; len: number }
  | { kind: "replace"; at: number; len: number; text: string }
  | { kind: "moveParagraph"; from: number; to: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...unicodeBits), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }), text: fc.oneof(fc.constantFrom(...unicodeBits), fc.fullUnicodeString({ maxLength: 10 })) }),
  fc.record({ kind: fc.constant("moveParagraph" as const), from: fc.nat(), to: fc.nat() }),
);

function applyEdit(body: string, e: Edit): string {
  if (e.kind === "moveParagraph") {
    const paras = body.split("\n\n");
    const [p] = paras.splice(e.from % paras.length, 1);
    paras.splice(e.to % (paras.length + 1), 0, p);
    return paras.join("\n\n");
  }
  const at = e.at % (body.length + 1);
  if (e.kind === "insert") return body.slice(0, at) + e.text + body.slice(at);
  if (e.kind === "delete") return body.slice(0, at) + body.slice(at + e.len);
  return body.slice(0, at) + e.text + body.slice(at + e.len);
}

const sentenceClaims = (() => {
  const out: StoredAnchor[] = [];
  const re = /[^.\n!?]{12,}[.!?]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(demo))) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].length;
    out.push({ id: String(out.length), ...quoteSelector(demo, start, end), anchor: "exact" });
  }
  // Short ones too: a number, a name.
  for (const q of ["2019", "Uzbekistan", "12-point", "nearly 13 months"]) out.push(claimAt(demo, q, `short:${q}`));
  return out;
})();

describe("re-anchoring properties", () => {
  it("stored offsets always slice to the current quote, and a found quote is within the allowed edits of the old one", () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
        const body = edits.reduce(applyEdit, demo);
        const results = reanchorClaims(body, sentenceClaims);
        results.forEach((r, i) => {
          const old = sentenceClaims[i];
          if (r.anchor === "orphaned") {
            expect(r.start).toBeNull();
            return;
          }
          expect(r.start).not.toBeNull();
          expect(body.slice(r.start!, r.end!)).toBe(r.quote);
          expect(editDistanceWithin(old.quote, r.quote!, allowedErrors(old.quote.length))).not.toBeNull();
          if (r.anchor === "exact") {
            expect(r.quote).toBe(old.quote);
            expect(r.confidence).toBe(1);
          } else {
            expect(r.confidence).toBeGreaterThan(0);
            expect(r.confidence).toBeLessThan(1);
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it("an edit far from a claim leaves it exact at the same words", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (inserted) => {
        const body = demo + "\n\n" + inserted;
        for (const r of reanchorClaims(body, sentenceClaims.slice(0, 10))) {
          expect(r.anchor).toBe("exact");
        }
      }),
      { numRuns: 30 },
    );
  });
});

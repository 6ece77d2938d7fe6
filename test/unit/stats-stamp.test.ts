import { countsTrusted, statsStamp, TRUST_AFTER_MS } from "@/lib/stats/stamp";
import { stripBackground } from "@/components/stats/verdict-strip";

describe("stats stamp", () => {
  it("changes with either table's count or newest change, whatever the driver's types", () => {
    const base = { claims: 10, claimsChanged: "2026-01-01T00:00:00.000+00:00", articles: 2, articlesChanged: new Date("2026-01-01T00:00:00Z") };
    const s = statsStamp(base);
    expect(statsStamp({ ...base, claims: 10n })).toBe(s);
    expect(statsStamp({ ...base, claims: 9 })).not.toBe(s);
    expect(statsStamp({ ...base, articles: 1 })).not.toBe(s);
    expect(statsStamp({ ...base, claimsChanged: "2026-01-01T00:00:00.001+00:00" })).not.toBe(s);
    expect(statsStamp({ ...base, articlesChanged: new Date("2026-01-01T00:00:01Z") })).not.toBe(s);
    expect(statsStamp({ ...base, claims: 0, claimsChanged: null })).not.toBe(s);
  });

  it("trusts kept counts only when the newest change is old enough, never one in the future", () => {
    const now = Date.parse("2026-06-01T12:00:00Z");
    expect(countsTrusted(now - TRUST_AFTER_MS - 1, now)).toBe(true);
    expect(countsTrusted(now - TRUST_AFTER_MS, now)).toBe(true);
    expect(countsTrusted(now - 1, now)).toBe(false);
    expect(countsTrusted(now, now)).toBe(false);
    expect(countsTrusted(now + 86_400_000, now)).toBe(false);
    expect(countsTrusted(NaN, now)).toBe(false);
    expect(countsTrusted(0, now)).toBe(true);
  });
});

describe("status strip background", () => {
  it("draws each share in its colour and one stripe layer per run of verdicts", () => {
    const bg = stripBackground([
      { color: "#111111", isVerdict: false, share: 50 },
      { color: "#222222", isVerdict: true, share: 25 },
      { color: "#333333", isVerdict: true, share: 25 },
    ]);
    expect(bg.backgroundImage).toMatch(/linear-gradient\(to right, #111111 0% 50%, #222222 50% 75%, #333333 75% 100%\)$/);
    expect(bg.backgroundImage.match(/repeating-linear-gradient/g)).toHaveLength(1);
    // A 50 % layer at 50 %: all the free space before it.
    expect(bg.backgroundSize).toBe("50% 100%, 100% 100%");
    expect(bg.backgroundPosition).toBe("100% 0, 0 0");
  });

  it("stripes a scale that is all verdicts across the whole bar, and none when there is no verdict", () => {
    expect(stripBackground([{ color: "#222222", isVerdict: true, share: 100 }]).backgroundPosition).toBe("0% 0, 0 0");
    expect(stripBackground([{ color: "#111111", isVerdict: false, share: 100 }]).backgroundImage).toBe("linear-gradient(to right, #111111 0% 100%)");
  });
});

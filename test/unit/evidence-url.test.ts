import { normalizeEvidenceUrl } from "@/lib/evidence/url";
import { addEvidenceSchema } from "@/lib/evidence/schemas";

describe("evidence addresses", () => {
  it("adds https:// to an address typed without a scheme, and says so", () => {
    expect(normalizeEvidenceUrl("example.org/report")).toEqual({ ok: true, url: "https://example.org/report", added: true });
    expect(normalizeEvidenceUrl("  www.example.org  ")).toEqual({ ok: true, url: "https://www.example.org/", added: true });
    expect(normalizeEvidenceUrl("example.org:8080/x")).toEqual({ ok: true, url: "https://example.org:8080/x", added: true });
  });
  it("keeps http and https addresses as given", () => {
    expect(normalizeEvidenceUrl("http://example.org/a?b=1")).toEqual({ ok: true, url: "http://example.org/a?b=1", added: false });
    expect(normalizeEvidenceUrl("HTTPS://Example.org/")).toMatchObject({ ok: true, url: "https://example.org/", added: false });
  });
  it.each(["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/x", "file:///etc/passwd", "mailto:a@example.org"])("refuses %s", (input) => {
    expect(normalizeEvidenceUrl(input)).toMatchObject({ ok: false });
  });
  it("refuses a user name or password in the address", () => {
    expect(normalizeEvidenceUrl("https://user:pw@example.org/")).toMatchObject({ ok: false, error: expect.stringMatching(/user name/) });
    expect(normalizeEvidenceUrl("user@example.org/x")).toMatchObject({ ok: false });
  });
  it("refuses what is not an address", () => {
    expect(normalizeEvidenceUrl("")).toMatchObject({ ok: false });
    expect(normalizeEvidenceUrl("not an address")).toMatchObject({ ok: false });
    expect(normalizeEvidenceUrl("report")).toMatchObject({ ok: false });
  });
  it("the schema saves exactly what the form showed", () => {
    expect(addEvidenceSchema.parse({ url: "example.org/report", stance: "supports" }).url).toBe("https://example.org/report");
    expect(addEvidenceSchema.safeParse({ url: "ftp://example.org", stance: "supports" }).success).toBe(false);
  });
});

import { createArticleSchema } from "@/lib/articles/schemas";

const base = { title: "T", body: "Some text." };

describe("createArticleSchema", () => {
  it("treats empty form fields as absent", () => {
    expect(createArticleSchema.parse({ ...base, sourceUrl: "", publishedAt: "", outlet: "" })).toMatchObject({ sourceUrl: null, publishedAt: null, outlet: null });
  });
  it("explains a non-http(s) source URL in words", () => {
    const r = createArticleSchema.safeParse({ ...base, sourceUrl: "javascript:alert(1)" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["sourceUrl"], message: "Enter a full http:// or https:// address." });
  });
  it("accepts a date or an ISO timestamp and explains anything else", () => {
    expect(createArticleSchema.parse({ ...base, publishedAt: "2024-05-01" }).publishedAt?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
    expect(createArticleSchema.parse({ ...base, publishedAt: "2023-03-17T12:00:00Z" }).publishedAt?.toISOString()).toBe("2023-03-17T12:00:00.000Z");
    const bad = createArticleSchema.safeParse({ ...base, publishedAt: "last Tuesday" });
    expect(bad.error!.issues[0].message).toMatch(/2024-05-01/);
  });
});

import { extractArticle, htmlToParagraphs, stripElements } from "@/lib/articles/extract";

const page = `<!doctype html><html><head><title>Xi to visit Moscow | Wire</title><link rel="canonical" href="/news/xi">
<meta property="og:site_name" content="The Wire"><meta property="article:published_time" content="2023-03-17T10:00:00Z"><meta name="author" content="By Jane Doe">
<script type="application/ld+json">{"datePublished":"2023-03-17T10:00:00Z"}</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><script>document.write("ad")</script>
<article><h1>Xi to visit Moscow</h1><p>Chinese President Xi Jinping will visit Moscow next week to discuss “strategic cooperation” with Vladimir Putin, a bit more than a year after the start of the invasion.</p>
<p>The Chinese leader will be in Russia from Monday to Wednesday, the Chinese foreign ministry and the Kremlin announced on Friday. Xi last visited Russia in 2019.</p><p>Putin attended the opening of the <b>Winter Olympics</b> in Beijing last year.</p></article><footer>© 2023 Wire. Subscribe now.</footer></body></html>`;

describe("extracting an article from a page", () => {
  const a = extractArticle(page, "https://wire.example/a?utm=1");
  it("keeps the main text as paragraphs and drops navigation, scripts and footers", () => {
    expect(a.body.split("\n\n")).toHaveLength(3);
    expect(a.body).toContain("Xi last visited Russia in 2019.");
    expect(a.body).toContain("the Winter Olympics in Beijing");
    expect(a.body).not.toMatch(/Home|document\.write|Subscribe|color:red/);
  });
  it("reads the metadata: byline, outlet, published date, canonical URL", () => {
    expect(a).toMatchObject({ byline: "Jane Doe", outlet: "The Wire", publishedAt: "2023-03-17T10:00:00.000Z", sourceUrl: "https://wire.example/news/xi" });
  });
  it("keeps the text of a short fragment Readability passes over", () => {
    expect(extractArticle("<article><p>The council approved a budget.</p></article>", null).body).toBe("The council approved a budget.");
  });
  it("strips elements in one pass, keeping JSON-LD and stopping at an unclosed one", () => {
    expect(stripElements('a<script>x</script>b<script type="application/ld+json">{}</script>c<style>s</style>d', ["script", "style"])).toBe('ab<script type="application/ld+json">{}</script>cd');
    expect(stripElements("a<script>never closed", ["script"])).toBe("a<script>never closed");
  });
  it("turns nested blocks into paragraphs", () => {
    expect(htmlToParagraphs("<div><p>One <i>two</i></p><ul><li>Three</li><li>Four<br>five</li></ul></div>")).toBe("One two\n\nThree\n\nFour five");
  });
});

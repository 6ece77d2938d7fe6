/**
 * With one report worker busy on a large download, the Export menu's preview still answers: it
 * goes ahead of queued downloads and may take one worker more (lib/reports/worker-pool.ts).
 * The download here is held by a reader that does not read, so its worker stays busy (what a
 * slow client does); without the rule the preview waits until that reader gives up (60 s).
 */
import { randomBytes } from "node:crypto";
import { get, type IncomingMessage } from "node:http";
import { ApiClient } from "../support/api-client";
import { PASSWORD, seedUsers, testDb } from "../support/fixtures";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let viewer: ApiClient;
const CLAIMS = 600; // about 11 MB of report, sent uncompressed: more than the socket buffers hold
// Random text, so that the report stays large when it is sent compressed.
const rationale = () => randomBytes(14_000).toString("base64");

beforeAll(async () => {
  await seedUsers();
  const db = testDb();
  const body = Array.from({ length: CLAIMS }, (_, i) => `Sentence number ${i} says something checkable.`).join("\n\n");
  const article = await db.article.create({ data: { title: "A large report", body, claimCounter: CLAIMS } });
  await db.claim.createMany({
    data: Array.from({ length: CLAIMS }, (_, i) => {
      const quote = `Sentence number ${i}`;
      const start = body.indexOf(`${quote} says`);
      return { articleId: article.id, number: i + 1, start, end: start + quote.length, quote, prefix: "", suffix: "", rationale: rationale(), statusKey: "unchecked", updatedAt: new Date() };
    }),
  });
  articleLink = `/api/v1/articles/${article.id}/report`;
  server = await startServer({ REPORT_WORKERS: "1" });
  viewer = new ApiClient(server.url);
  expect((await viewer.signIn("viewer@example.com", PASSWORD)).status).toBe(200);
}, 120_000);

let articleLink = "";

afterAll(async () => {
  await server?.stop();
});

it("a preview answers while the only worker is busy with a download nobody reads", async () => {
  // A client that stops reading: the response is paused at once, uncompressed.
  const download = await new Promise<IncomingMessage>((resolve, reject) => {
    get(`${server.url}${articleLink}?format=csv&scope=all`, { headers: { cookie: viewer.cookieHeader, "accept-encoding": "identity" } }, (res) => {
      res.pause();
      resolve(res);
    }).on("error", reject);
  });
  expect(download.statusCode).toBe(200); // its head came from the worker: the job is running there
  const preview = await viewer.get(`${articleLink}?format=csv&scope=all&preview=true`);
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ format: "csv", claims: CLAIMS });
  // The download was held, not dropped: read now, it is whole.
  download.setEncoding("utf8");
  let text = "";
  for await (const chunk of download) text += chunk;
  expect(text.length).toBeGreaterThan(CLAIMS * 18_000);
  expect(text.match(/Sentence number \d+/g)?.length).toBeGreaterThanOrEqual(CLAIMS);
});

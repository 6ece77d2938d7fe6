/** Seeding shared by `npm start`, `npm run db:seed` and the tests. Idempotent. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../lib/db-client.ts";
import { DEFAULT_STATUS_SCALE } from "../lib/statuses/scale.ts";
import { normalizeBody } from "../lib/anchoring/text.ts";
import { createAccount } from "../lib/users/accounts.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEMO_ARTICLE = {
  title: "Xi to visit Moscow for 'strategic cooperation' talks with Putin",
  outlet: "AFP",
  sourceUrl: "https://www.example.com/news/xi-to-visit-moscow",
  publishedAt: new Date("2023-03-17T12:00:00Z"),
};

/** Adds the default status scale, the demo article and (from env) the first admin where missing. */
export async function seed(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const done: string[] = [];
  if ((await db.status.count()) === 0) {
    await db.status.createMany({
      data: DEFAULT_STATUS_SCALE.map((s, position) => ({ ...s, position })),
    });
    done.push(`status scale (${DEFAULT_STATUS_SCALE.length} statuses)`);
  }
  if ((await db.article.count()) === 0) {
    const body = normalizeBody(await readFile(path.join(here, "demo-article.txt"), "utf8")).trimEnd();
    await db.article.create({ data: { ...DEMO_ARTICLE, body, revisions: { create: { revision: 1, title: DEMO_ARTICLE.title, body, source: "import" } } } });
    done.push("demo article");
  }
  if ((await db.user.count()) === 0 && env.SEED_ADMIN_EMAIL && env.SEED_ADMIN_PASSWORD) {
    await createAccount(
      db,
      { email: env.SEED_ADMIN_EMAIL, name: env.SEED_ADMIN_NAME ?? "Administrator", role: "admin", password: env.SEED_ADMIN_PASSWORD },
      null,
    );
    done.push(`admin ${env.SEED_ADMIN_EMAIL}`);
  }
  return done;
}

/**
 * The transfer floor of a route that answers with large cached bytes (the article route): fetch
 * the exact bytes the app sends for a request (still compressed, as they go over the wire), and
 * serve them from a bare Node http server (scripts/bench/bare-bytes-server.mjs) in its own process,
 * as the app runs in its own. What the app's route costs above that server is the app's own work.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { freePort } from "../app-server.ts";

/** What a current Chromium sends as Accept-Encoding (the browser the app's users read articles in). */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; bytes: Buffer };

/** One GET with `headers`, its body as it came over the wire (no decompression, unlike fetch). */
export function rawGet(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** Starts a bare server answering `answer`'s bytes, under the same headers, to every request. */
export async function startBareBytes(answer: RawAnswer, dir: string, name: string): Promise<{ url: string; stop: () => void }> {
  const file = path.join(dir, `${name}.body`);
  writeFileSync(file, answer.bytes);
  const port = await freePort();
  // The app's own response headers (security headers, ETag, Vary…), less those Node sets per response.
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(name)));
  const child = spawn(process.execPath, [path.join(process.cwd(), "scripts", "bench", "bare-bytes-server.mjs")], {
    env: { ...process.env, PORT: String(port), BODY_FILE: file, HEADERS_JSON: JSON.stringify(headers) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
}

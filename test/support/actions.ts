/** Calls a server action over HTTP the way the browser does (Next-Action header, JSON args). */
import { readFileSync } from "node:fs";
import path from "node:path";

type Manifest = { node: Record<string, { exportedName: string; filename: string }> };

/** Every server action the build exposes: exported name → action id. */
export function serverActions(): Map<string, string> {
  const file = path.resolve(__dirname, "../../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  return new Map(Object.entries(manifest.node).map(([id, v]) => [v.exportedName, id]));
}

export type ActionReply = { status: number; result: any };

/** Posts `args` to the action `id` from page `page`, with the session cookie if given. */
export async function callAction(base: string, id: string, args: unknown[], cookie?: string, page = "/sign-in"): Promise<ActionReply> {
  const res = await fetch(base + page, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": id,
      origin: base,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  // The RSC stream: the action's return value is the row the first row points at ("$@1").
  const row = text.split("\n").find((line) => line.startsWith("1:"));
  let result: any = null;
  if (row) {
    try {
      result = JSON.parse(row.slice(2));
    } catch {
      result = row;
    }
  }
  return { status: res.status, result };
}

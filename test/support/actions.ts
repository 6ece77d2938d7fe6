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
export async function callAction(
  base: string,
  id: string,
  args: unknown[],
  cookie?: string,
  page = "/sign-in",
  extraHeaders: Record<string, string> = {},
): Promise<ActionReply> {
  const res = await fetch(base + page, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": id,
      origin: base,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(cookie ? { cookie } : {}),
      ...extraHeaders,
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

/**
 * Calls a form action `(prevState, formData)` the way React sends it: multipart, the arguments
 * in field "0" with the form as a "$K1" reference, and the form's fields prefixed "_1_".
 */
export async function callFormAction(
  base: string,
  id: string,
  prevState: unknown,
  fields: Record<string, string>,
  cookie?: string,
  page = "/sign-in",
): Promise<ActionReply & { location: string | null }> {
  const body = new FormData();
  // The form's entries first, then the arguments, as React's encodeReply writes them.
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append("0", JSON.stringify([prevState, "$K1"]));
  const res = await fetch(base + page, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, origin: base, accept: "text/x-component", ...(cookie ? { cookie } : {}) },
    body,
  });
  const text = await res.text();
  const row = text.split("\n").find((line) => line.startsWith("1:"));
  let result: any = null;
  if (row) {
    try {
      result = JSON.parse(row.slice(2));
    } catch {
      result = row;
    }
  }
  return { status: res.status, result, location: res.headers.get("x-action-redirect") ?? res.headers.get("location") };
}

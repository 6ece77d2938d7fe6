/**
 * lib/http/lean-request.ts: the request the lean API router hands to route handlers reads what a
 * standard Request built from the same Node request would read, and builds that standard Request
 * for anything else a handler may ask.
 */
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { LeanRequest, NodeHeaders } from "@/lib/http/lean-request";

/** A Node request as the http server hands it over (headers parsed, body pushed). */
function nodeRequest(method: string, url: string, headers: Record<string, string | string[]>, body?: string): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = url;
  req.headers = headers as IncomingMessage["headers"];
  if (body !== undefined) req.push(body);
  req.push(null);
  return req;
}

/** What the router built before: a standard Headers appended from req.headers. */
function standardHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  return headers;
}

const raw = {
  host: "example.test",
  cookie: "a=1; claims.session_token=abc.def",
  authorization: "Bearer token-value",
  "x-forwarded-for": "10.0.0.1",
  "set-cookie": ["one=1", "two=2"],
  accept: "application/json",
};

describe("NodeHeaders", () => {
  it("answers get and has as a standard Headers built from the same headers, whatever the case of the name", () => {
    const ours = new NodeHeaders(raw) as unknown as Headers;
    const standard = standardHeaders(raw);
    for (const name of ["Host", "cookie", "AUTHORIZATION", "x-forwarded-for", "set-cookie", "accept", "origin", "content-length"]) {
      expect(ours.get(name)).toBe(standard.get(name));
      expect(ours.has(name)).toBe(standard.has(name));
    }
    expect([...ours]).toEqual([...standard]);
    expect(new Headers(ours as unknown as HeadersInit).get("authorization")).toBe("Bearer token-value");
  });

  it("keeps a change made by a handler (on its own copy, never on Node's request)", () => {
    const copy = { ...raw };
    const ours = new NodeHeaders(copy) as unknown as Headers;
    ours.set("accept", "text/plain");
    ours.delete("cookie");
    expect(ours.get("accept")).toBe("text/plain");
    expect(ours.has("cookie")).toBe(false);
    expect(copy.cookie).toBe(raw.cookie);
  });
});

describe("LeanRequest", () => {
  it("has the method, url and headers of the Node request, and no body for a GET", () => {
    const r = new LeanRequest(nodeRequest("GET", "/api/v1/me?x=1", raw), "http://example.test/api/v1/me?x=1") as unknown as Request;
    expect(r.method).toBe("GET");
    expect(new URL(r.url).pathname).toBe("/api/v1/me");
    expect(r.headers.get("cookie")).toBe(raw.cookie);
    expect(r.body).toBeNull();
  });

  it("streams a POST body, and answers json(), clone() and the rest through a standard Request", async () => {
    const text = JSON.stringify({ summary: "héllo" });
    const make = () => new LeanRequest(nodeRequest("POST", "/api/v1/x", { ...raw, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }, text), "http://example.test/api/v1/x") as unknown as Request;
    const streamed = make();
    const reader = streamed.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(Buffer.concat(chunks).toString()).toBe(text);

    expect(await make().json()).toEqual({ summary: "héllo" });
    const other = make();
    expect(other.cache).toBe("default");
    expect(await other.clone().text()).toBe(text);
  });

  it("aborts its signal when the client goes away, whether the signal was asked for before or after", () => {
    const early = new LeanRequest(nodeRequest("GET", "/", raw), "http://example.test/");
    const signal = early.signal;
    expect(signal.aborted).toBe(false);
    early.abort();
    expect(signal.aborted).toBe(true);

    const late = new LeanRequest(nodeRequest("GET", "/", raw), "http://example.test/");
    late.abort();
    expect(late.signal.aborted).toBe(true);
  });
});

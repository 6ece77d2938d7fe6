import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
// No "server-only" marker: the bench drives this module directly (it holds no secrets and no database access).
import { AppError } from "@/lib/errors";
import { addressProblem } from "@/lib/fetch/addresses";

/** A fetch this server refused to make or finish: always a 422 that says why. */
export class FetchRefusedError extends AppError {
  constructor(message: string, reason: string) {
    super(422, "fetch_refused", message, { reason });
  }
}

export type SafeFetchOptions = {
  /** Hosts ("host" or "host:port") an admin allowed even though they resolve to private addresses. */
  allowedHosts?: string[];
  timeoutMs?: number;
  /** Limit on the body after decompression (and on the bytes received). */
  maxBytes?: number;
  maxRedirects?: number;
  contentTypes?: string[];
  /** For tests: how names are resolved. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
};

export type SafeFetchResult = { url: string; status: number; contentType: string; text: string; bytes: number };

const DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  contentTypes: ["text/html", "application/xhtml+xml", "text/plain"],
};

function hostAllowed(url: URL, allowed: string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (!e) return false;
    const m = e.match(/^\[?([^\]]+?)\]?(?::(\d+))?$/);
    if (!m) return false;
    return m[1] === host && (!m[2] || m[2] === port);
  });
}

/** Parses and checks a URL before any connection: http(s) only, no credentials. */
export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefusedError(`"${raw.slice(0, 200)}" is not a valid URL.`, "invalid_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefusedError(`Only http and https addresses can be imported, not ${url.protocol.replace(":", "")}.`, "scheme");
  }
  if (url.username || url.password) throw new FetchRefusedError("Addresses with a user name or password in them are not fetched.", "credentials");
  return url;
}

const defaultResolve = (hostname: string) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Fetches a web page for import, safely: http(s) only; names resolved once and every address
 * checked (loopback, private, link-local, metadata, IPv4-mapped IPv6 refused; the URL parser has
 * already turned decimal and octal IPv4 spellings into dotted form), and the connection made to
 * the address that was checked; redirects followed a few times, each one checked again; a time
 * limit over the whole exchange; a size limit on the bytes received and after decompression; the
 * content type checked. Every refusal is a FetchRefusedError (422) saying why.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const o = { ...DEFAULTS, ...options };
  const allowed = options.allowedHosts ?? [];
  const resolve = options.resolve ?? defaultResolve;
  const deadline = Date.now() + o.timeoutMs;
  let url = checkUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const address = await pickAddress(url, allowed, resolve);
    const res = await request(url, address, deadline, o);
    if (res.status >= 300 && res.status < 400 && res.location) {
      res.stream.destroy();
      if (hop >= o.maxRedirects) throw new FetchRefusedError(`The page redirected more than ${o.maxRedirects} times.`, "too_many_redirects");
      let next: URL;
      try {
        next = new URL(res.location, url);
      } catch {
        throw new FetchRefusedError("The page redirected to an invalid address.", "invalid_redirect");
      }
      url = checkUrl(next.toString());
      continue;
    }
    if (res.status < 200 || res.status >= 300) {
      res.stream.destroy();
      throw new FetchRefusedError(`The site answered ${res.status} for ${url.toString()}: no page to import.`, "http_status");
    }
    const type = (res.contentType.split(";")[0] ?? "").trim().toLowerCase();
    if (!o.contentTypes.includes(type)) {
      res.stream.destroy();
      throw new FetchRefusedError(`The address is not a web page (its content type is "${type || "none"}").`, "content_type");
    }
    const { buffer, bytes } = await readLimited(res.stream, res.encoding, o.maxBytes, deadline);
    return { url: url.toString(), status: res.status, contentType: res.contentType, text: decode(buffer, res.contentType), bytes };
  }
}

async function pickAddress(url: URL, allowed: string[], resolve: NonNullable<SafeFetchOptions["resolve"]>) {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const ok = hostAllowed(url, allowed);
  if (isIP(host)) {
    const problem = ok ? null : addressProblem(host);
    if (problem) throw new FetchRefusedError(`Refused to fetch ${url.host}: ${problem}`, "address");
    return { address: host, family: isIP(host) };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new FetchRefusedError(`The name ${host} could not be resolved.`, "dns");
  }
  if (addresses.length === 0) throw new FetchRefusedError(`The name ${host} could not be resolved.`, "dns");
  if (!ok) {
    // Any bad address refuses the name: a name that also points inside is not to be trusted.
    for (const a of addresses) {
      const problem = addressProblem(a.address);
      if (problem) throw new FetchRefusedError(`Refused to fetch ${host}: it resolves to ${problem}`, "address");
    }
  }
  return addresses[0];
}

type Response = { status: number; location: string | null; contentType: string; encoding: string; stream: Readable };

function request(url: URL, address: { address: string; family: number }, deadline: number, o: typeof DEFAULTS): Promise<Response> {
  // The socket connects to the address checked above: no second lookup for a rebinding to slip in.
  const lookup: LookupFunction = (_hostname, opts, callback) => {
    if ((opts as dns.LookupAllOptions).all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchRefusedError(`The site took longer than ${o.timeoutMs / 1000} s to answer.`, "timeout"));
    const req = lib.request(
      url,
      {
        method: "GET",
        lookup,
        headers: {
          "user-agent": "ClaimCheck article import (+fact-checking)",
          accept: "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
          "accept-encoding": "gzip, deflate, br",
        },
        timeout: remaining,
      },
      (res) => {
        resolve({
          status: res.statusCode ?? 0,
          location: typeof res.headers.location === "string" ? res.headers.location : null,
          contentType: String(res.headers["content-type"] ?? ""),
          encoding: String(res.headers["content-encoding"] ?? "identity").toLowerCase(),
          stream: res,
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new FetchRefusedError(`The site took longer than ${o.timeoutMs / 1000} s to answer.`, "timeout")), remaining);
    req.on("timeout", () => req.destroy(new FetchRefusedError(`The site took longer than ${o.timeoutMs / 1000} s to answer.`, "timeout")));
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e instanceof FetchRefusedError ? e : new FetchRefusedError(`The site could not be reached (${(e as NodeJS.ErrnoException).code ?? e.message}).`, "network"));
    });
    req.on("response", (res) => res.on("close", () => clearTimeout(timer)));
    req.end();
  });
}

function readLimited(raw: Readable, encoding: string, maxBytes: number, deadline: number): Promise<{ buffer: Buffer; bytes: number }> {
  let stream: Readable = raw;
  if (encoding === "gzip" || encoding === "x-gzip") stream = raw.pipe(zlib.createGunzip());
  else if (encoding === "deflate") stream = raw.pipe(zlib.createInflate());
  else if (encoding === "br") stream = raw.pipe(zlib.createBrotliDecompress());
  else if (encoding !== "identity" && encoding !== "") {
    raw.destroy();
    return Promise.reject(new FetchRefusedError(`The page is sent in an encoding this import does not read (${encoding}).`, "content_encoding"));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let received = 0;
    const fail = (e: Error) => {
      clearTimeout(timer);
      raw.destroy();
      stream.destroy();
      reject(e);
    };
    const limitMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    const timer = setTimeout(() => fail(new FetchRefusedError("The page took too long to arrive.", "timeout")), Math.max(0, deadline - Date.now()));
    raw.on("data", (c: Buffer) => {
      received += c.length;
      if (received > maxBytes) fail(new FetchRefusedError(`The page is larger than the import limit of ${limitMb} MB.`, "too_large"));
    });
    stream.on("data", (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) return fail(new FetchRefusedError(`The page is larger than the import limit of ${limitMb} MB once decompressed.`, "too_large"));
      chunks.push(c);
    });
    stream.on("end", () => {
      clearTimeout(timer);
      resolve({ buffer: Buffer.concat(chunks), bytes: size });
    });
    stream.on("error", (e) => fail(e instanceof FetchRefusedError ? e : new FetchRefusedError(`The page could not be read (${e.message}).`, "network")));
    raw.on("error", (e) => fail(e instanceof FetchRefusedError ? e : new FetchRefusedError(`The page could not be read (${e.message}).`, "network")));
  });
}

function decode(buffer: Buffer, contentType: string): string {
  let charset = contentType.match(/charset=["']?([\w-]+)/i)?.[1];
  if (!charset) charset = buffer.subarray(0, 2048).toString("latin1").match(/<meta[^>]+charset=["']?([\w-]+)/i)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(buffer);
  } catch {
    return new TextDecoder("utf-8").decode(buffer);
  }
}

/**
 * The request the lean API router (lib/http/lean-router.ts) hands to a route handler: what the
 * routes read (method, url, headers, body, signal) straight from Node's request, without building
 * undici's Request, Headers and AbortSignal for every request (a tenth of a do-nothing request's
 * CPU time, docs/perf-profile.md). Anything else a handler may ask of a standard Request
 * (`json()`, `formData()`, `clone()`, …) builds that standard Request on first use, from the
 * same headers and the same body stream, so a handler behaves as it does under Next.
 *
 * Headers: reads answer from Node's parsed headers (`req.headers`, where serve.mjs has already
 * set X-Forwarded-For and X-Forwarded-Proto), exactly as a standard Headers built from them does:
 * names are case-insensitive, repeated values joined with ", " (Node has already joined Cookie
 * with "; " and dropped duplicates of single-valued headers such as Authorization). Anything
 * beyond get/has/iteration works on a standard Headers copy made on first use.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";

/** A read-only view of Node's parsed request headers with the standard Headers interface. */
export class NodeHeaders {
  #raw: IncomingHttpHeaders;
  #copy: Headers | undefined;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  /** A standard Headers with the same entries (made once, on first use of anything else). */
  standard(): Headers {
    if (!this.#copy) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(this.#raw)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.append(name, value);
      }
      this.#copy = headers;
    }
    return this.#copy;
  }

  get(name: string): string | null {
    if (this.#copy) return this.#copy.get(name);
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    if (this.#copy) return this.#copy.has(name);
    return this.#raw[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    return this.standard().getSetCookie();
  }
  set(name: string, value: string): void {
    this.standard().set(name, value);
  }
  append(name: string, value: string): void {
    this.standard().append(name, value);
  }
  delete(name: string): void {
    this.standard().delete(name);
  }
  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    this.standard().forEach(callback, thisArg);
  }
  entries(): HeadersIterator<[string, string]> {
    return this.standard().entries();
  }
  keys(): HeadersIterator<string> {
    return this.standard().keys();
  }
  values(): HeadersIterator<string> {
    return this.standard().values();
  }
  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.standard()[Symbol.iterator]();
  }
  get [Symbol.toStringTag](): string {
    return "Headers";
  }
}

/** The key of LeanRequest's direct body reader (a symbol, so a standard Request never seems to have it). */
export const READ_BODY_UP_TO = Symbol.for("claimcheck.readBodyUpTo");

/** The lean router's request: the standard Request's interface over Node's request. */
export class LeanRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  #req: IncomingMessage;
  #hasBody: boolean;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #controller: AbortController | undefined;
  #aborted = false;
  #standard: Request | undefined;

  constructor(req: IncomingMessage, url: string) {
    this.#req = req;
    this.method = req.method ?? "GET";
    this.url = url;
    this.headers = new NodeHeaders(req.headers) as unknown as Headers;
    this.#hasBody =
      this.method !== "GET" && this.method !== "HEAD" && (req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0");
  }

  /** The request body as a web stream (made on first use; null for a request without one). */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) this.#body = this.#hasBody ? (Readable.toWeb(this.#req) as ReadableStream<Uint8Array>) : null;
    return this.#body;
  }

  get bodyUsed(): boolean {
    return this.#standard ? this.#standard.bodyUsed : Boolean(this.#body && (this.#body.locked || (this.#body as { disturbed?: boolean }).disturbed));
  }

  /**
   * The body's bytes read straight from Node's request, at most `limit` of them: null as soon as
   * there are more (the rest is left unread; the router drains it after the answer). A claim
   * save's body through the web stream above cost a tenth of the save's CPU time. Only before the
   * body has been touched any other way; then lib/http/api.ts reads the stream as before.
   */
  [READ_BODY_UP_TO](limit: number): Promise<Buffer | null> | undefined {
    if (this.#body !== undefined || this.#standard) return undefined;
    this.#body = null; // the body is this reader's now: nothing else may read it again
    const req = this.#req;
    if (!this.#hasBody) return Promise.resolve(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        req.off("close", onClose);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > limit) {
          done();
          req.pause();
          resolve(null);
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        done();
        resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      // The client went away before the whole body came.
      const onClose = () => {
        if (req.complete) return;
        done();
        reject(new Error("The client closed the connection before the whole request body was received."));
      };
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onError);
      req.on("close", onClose);
    });
  }

  /** Aborted when the client goes away before the answer is sent (made on first use). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** Called by the router when the client has gone away. */
  abort(): void {
    this.#aborted = true;
    this.#controller?.abort();
  }

  /** The standard Request with the same method, url, headers, body and signal (made once). */
  standard(): Request {
    if (!this.#standard) {
      const init: RequestInit & { duplex?: "half" } = { method: this.method, headers: (this.headers as unknown as NodeHeaders).standard(), signal: this.signal };
      const body = this.body;
      if (body) {
        init.body = body;
        init.duplex = "half";
      }
      this.#standard = new Request(this.url, init);
    }
    return this.#standard;
  }
}

// Everything else of the standard Request (json(), text(), formData(), clone(), cache, mode, …)
// is answered by the standard Request built on first use.
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === "constructor" || Object.prototype.hasOwnProperty.call(LeanRequest.prototype, name)) continue;
  const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
  if (typeof descriptor.value === "function") {
    Object.defineProperty(LeanRequest.prototype, name, {
      configurable: true,
      writable: true,
      value(this: LeanRequest, ...args: unknown[]) {
        const standard = this.standard() as unknown as Record<string, (...a: unknown[]) => unknown>;
        return standard[name](...args);
      },
    });
  } else if (descriptor.get) {
    Object.defineProperty(LeanRequest.prototype, name, {
      configurable: true,
      get(this: LeanRequest) {
        return (this.standard() as unknown as Record<string, unknown>)[name];
      },
    });
  }
}

/**
 * The current HTTP request's context (request id, signed-in user), shared with the server wrapper
 * (scripts/serve.mjs), which writes one log line per request from it. Both sides find the same
 * AsyncLocalStorage through a global symbol: the wrapper runs Next's handler inside it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = {
  id: string;
  userId?: string;
  /** SQLite's PRAGMA data_version as this request first read it (lib/db-direct.ts changeMarker). */
  dataVersion?: { connection: object; value: number; at: number };
  /** Work to start once the answer has been sent (runAfterResponse); the server wrapper starts it. */
  after?: (() => void)[];
};

const KEY = Symbol.for("claimcheck.requestContext");

function store(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
  return (g[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

/** Runs `work` as the request `ctx` (the server wrapper does this for every request; tests too). */
export function runInRequest<T>(ctx: RequestContext, work: () => T): T {
  return store().run(ctx, work);
}

/** This request's context, when running under the server wrapper. */
export function currentRequest(): RequestContext | undefined {
  return store().getStore();
}

/** Records who this request is from, for the request log (the id only, never a token). */
export function noteRequestUser(userId: string): void {
  const ctx = store().getStore();
  if (ctx) ctx.userId = userId;
}

/**
 * Starts `work` once the current request's answer has been sent (the server wrapper runs it when
 * the response closes), so work the answer does not need (preparing an import for its first open)
 * neither delays the answer nor competes with sending it. Outside a request (a script, a test
 * calling lib/ directly), on the next turn of the event loop. `work` handles its own errors.
 */
export function runAfterResponse(work: () => void): void {
  const after = store().getStore()?.after;
  if (after) after.push(work);
  else setImmediate(work);
}

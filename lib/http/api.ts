import "server-only";
import { z } from "zod";
import {
  isAppError,
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  TwoFactorEnrolmentRequiredError,
  UnauthorizedError,
  ValidationError,
  errorBody,
  fromDatabaseError,
} from "@/lib/errors";
import { authenticate, type SessionUser } from "@/lib/session";
import { MAX_BODY_BYTES } from "@/lib/config";
import { mapDatabaseError } from "@/lib/db-dialect";
import { checkOrigin } from "@/lib/http/checks";
import { jsonResponse } from "@/lib/http/bytes-response";
import { READ_BODY_UP_TO } from "@/lib/http/lean-request";

type Params = Record<string, string>;
export type ApiContext<P extends Params> = {
  /**
   * A standard Request: the JSON API is served both by Next and by the lean router in
   * scripts/serve.mjs, so nothing Next-only (nextUrl, cookies(), headers()) may be used here.
   */
  request: Request;
  user: SessionUser;
  params: P;
  /** The JSON body, parsed with a size limit and validated by `schema`. */
  body: <S extends z.ZodType>(schema: S) => Promise<z.infer<S>>;
  /** The query string, validated by `schema`. */
  query: <S extends z.ZodType>(schema: S) => z.infer<S>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);


/** Reads a request body as text, refusing more than `limit` bytes without buffering it all. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  // Served by the lean router: straight from Node's request, with the same limit.
  const direct = (request as { [READ_BODY_UP_TO]?: (limit: number) => Promise<Buffer | null> | undefined })[READ_BODY_UP_TO]?.(limit);
  if (direct) {
    const bytes = await direct;
    if (!bytes) throw new PayloadTooLargeError(limit);
    return new TextDecoder().decode(bytes);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Turns zod issues into the API's 422: one message per field path. */
export function validationErrorFrom(error: z.ZodError): ValidationError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  const names = Object.keys(fields).filter((k) => k !== "_");
  return new ValidationError(names.length ? `Check these fields: ${names.join(", ")}.` : Object.values(fields)[0] ?? "Invalid input.", fields);
}

/** Parses `input` with `schema`, throwing the API's 422 on failure. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationErrorFrom(result.error);
  return result.data;
}

/** Maps any error to the API's error response; unexpected ones are logged and hidden. */
export function errorResponse(error: unknown): Response {
  const known = isAppError(error) ? error : fromDatabaseError(error);
  if (known) {
    return Response.json(errorBody(known), { status: known.status, headers: known.headers });
  }
  const mapped = mapDatabaseError(error);
  if (mapped) return Response.json(errorBody(mapped), { status: mapped.status, headers: mapped.headers });
  console.error("Unexpected error in API route:", error);
  return Response.json({ error: { code: "internal_error", message: "Something went wrong on our side. Nothing was changed." } }, { status: 500 });
}

/** A JSON API route: authenticates, checks Origin on cookie writes, maps errors. */
export function apiRoute<P extends Params = Params>(
  handler: (ctx: ApiContext<P>) => Promise<Response | unknown>,
  options: { successStatus?: number } = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const who = await authenticate(request.headers);
      if (!who) throw new UnauthorizedError();
      // Until a required second factor is set up, only "who am I" answers (the UI uses it).
      if (who.mustEnrolTwoFactor && !(request.method === "GET" && new URL(request.url).pathname === "/api/v1/me")) {
        throw new TwoFactorEnrolmentRequiredError();
      }
      if (who.via === "cookie" && !SAFE_METHODS.has(request.method)) {
        // Cookie-authenticated writes must come from our own pages (lib/http/origin.ts).
        const verdict = checkOrigin(request.headers);
        if (!verdict.ok) throw new ForbiddenError(`Cross-site request refused. ${verdict.message}`);
      }
      const params = (await context.params) ?? ({} as P);
      const result = await handler({
        request,
        user: who.user,
        params,
        body: async (schema) => {
          const text = await readBodyText(request);
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            throw new BadRequestError();
          }
          return parseWith(schema, json);
        },
        query: (schema) => parseWith(schema, Object.fromEntries(new URL(request.url).searchParams)),
      });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      // The same body and Content-Type as Response.json; the lean router writes the bytes at once.
      return jsonResponse(result, options.successStatus ?? 200);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

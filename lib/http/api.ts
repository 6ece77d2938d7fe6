import "server-only";
import { z } from "zod";
import {
  isAppError,
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnauthorizedError,
  ValidationError,
  errorBody,
} from "@/lib/errors";
import { authenticate, type SessionUser } from "@/lib/session";
import { appOrigin, MAX_BODY_BYTES } from "@/lib/config";

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

/** Cookie-authenticated writes must come from our own pages: the Origin must be the app's. */
function originAllowed(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  if (origin === appOrigin()) return true;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false;
  }
}

/** Reads a request body as text, refusing more than `limit` bytes without buffering it all. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
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
  if (isAppError(error)) {
    return Response.json(errorBody(error), { status: error.status, headers: error.headers });
  }
  console.error("Unexpected error in API route:", error);
  return Response.json({ error: { code: "internal_error", message: "Something went wrong on our side. Nothing was changed." } }, { status: 500 });
}

/**
 * A path segment of an API URL, percent-decoded as a route parameter. A malformed escape
 * ("%E0%A4%A") is the client's mistake: a 400 in the error shape, never a 500.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestError("The URL path is not valid percent-encoded text.", "malformed_path");
  }
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
      if (who.via === "cookie" && !SAFE_METHODS.has(request.method) && !originAllowed(request)) {
        throw new ForbiddenError("Cross-site request refused: the Origin header must match this app.");
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
      return Response.json(result, { status: options.successStatus ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

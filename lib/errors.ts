/** Domain errors thrown in lib/ and mapped to HTTP (or form messages) in one place. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class BadRequestError extends AppError {
  constructor(message = "The request body is not valid JSON.", code = "malformed_json") {
    super(400, code, message);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(401, "unauthorized", message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this.") {
    super(403, "forbidden", message);
  }
}
export class TwoFactorEnrolmentRequiredError extends AppError {
  constructor() {
    super(403, "two_factor_enrolment_required", "Your role requires two-factor sign-in. Set it up in Settings (an authenticator app) before going on.");
  }
}
export class NotFoundError extends AppError {
  constructor(what = "resource") {
    super(404, "not_found", `That ${what} does not exist or you cannot see it.`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, current: unknown, code = "version_conflict") {
    super(409, code, message, { current });
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `The request body is larger than the limit of ${limitBytes} bytes.`, { limitBytes });
  }
}
export class ValidationError extends AppError {
  constructor(message: string, fields: Record<string, string>) {
    super(422, "validation_failed", message, { fields });
  }
}
export class ThrottledError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, "throttled", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds }, {
      "Retry-After": String(retryAfterSeconds),
    });
  }
}

/** True for any AppError, even one from a second copy of this module (scripts mix loaders). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (error instanceof Error && typeof (error as AppError).status === "number" && typeof (error as AppError).code === "string");
}

/** The API's error body for an error (never a stack trace). */
export function errorBody(error: AppError) {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/**
 * Database errors that are the caller's doing, as domain errors: a unique constraint that a
 * check-then-insert race let through is a 409 conflict, not a 500. Null for anything else.
 */
export function fromDatabaseError(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && code === "P2002") {
    return new AppError(409, "already_exists", "That already exists: something with the same unique value was saved first.");
  }
  return null;
}

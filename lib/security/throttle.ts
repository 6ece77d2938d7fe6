// In-memory sign-in throttle. State lives in this process only, which is enough because the app
// runs as a single server process; a restart forgets it, which only ever errs towards allowing.

export type ThrottleOptions = {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  /** Upper bound on tracked keys; the least recently failed are dropped first. */
  maxKeys?: number;
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type Throttle = {
  check(key: string, now?: number): ThrottleDecision;
  recordFailure(key: string, now?: number): void;
  reset(key: string): void;
  /** Number of keys currently tracked (for tests and diagnostics). */
  size(): number;
};

type Entry = {
  failures: number[];
  lockedUntil: number;
  // Past this moment the entry holds nothing that matters: no failure in the window, no lock.
  expiresAt: number;
};

const DEFAULT_MAX_KEYS = 50_000;

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
}

/** Creates a sliding-window failure counter that locks a key once it reaches maxFailures within windowMs. */
export function createThrottle(options: ThrottleOptions): Throttle {
  const { maxFailures, windowMs, lockoutMs, maxKeys = DEFAULT_MAX_KEYS } = options;
  assertPositive("maxFailures", maxFailures);
  assertPositive("windowMs", windowMs);
  assertPositive("lockoutMs", lockoutMs);
  assertPositive("maxKeys", maxKeys);

  // Map iteration follows insertion order, and an entry is re-inserted on every failure, so the
  // first entries are the least recently failed and the first to expire. Pruning from the front
  // and stopping at the first live entry is amortised O(1); an expired entry it leaves behind
  // (a long lock ahead of it) is still ignored on lookup and still bounded by maxKeys.
  const entries = new Map<string, Entry>();

  function pruneExpired(now: number): void {
    for (const [key, entry] of entries) {
      if (entry.expiresAt > now) break;
      entries.delete(key);
    }
  }

  function liveEntry(key: string, now: number): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  return {
    check(key, now = Date.now()) {
      pruneExpired(now);
      const entry = liveEntry(key, now);
      if (!entry || entry.lockedUntil <= now) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)) };
    },

    recordFailure(key, now = Date.now()) {
      pruneExpired(now);
      const entry = liveEntry(key, now) ?? { failures: [], lockedUntil: 0, expiresAt: 0 };
      const windowStart = now - windowMs;
      entry.failures = entry.failures.filter((at) => at > windowStart);
      entry.failures.push(now);
      // Only the most recent maxFailures can ever matter for the decision; keep memory per key fixed.
      if (entry.failures.length > maxFailures) entry.failures.splice(0, entry.failures.length - maxFailures);
      if (entry.failures.length >= maxFailures) entry.lockedUntil = now + lockoutMs;
      entry.expiresAt = Math.max(now + windowMs, entry.lockedUntil);

      entries.delete(key);
      entries.set(key, entry);
      // Many distinct keys (e.g. a spray across made-up accounts) must not grow memory without bound.
      while (entries.size > maxKeys) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },

    reset(key) {
      entries.delete(key);
    },

    size() {
      return entries.size;
    },
  };
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Throttles for sign-in: per account (guessing one password) and per client address (spraying many accounts). */
export const signInThrottle = {
  perAccount: createThrottle({ maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockoutMs: FIFTEEN_MINUTES }),
  perClient: createThrottle({ maxFailures: 20, windowMs: FIFTEEN_MINUTES, lockoutMs: FIFTEEN_MINUTES }),
};

/** Normalises an email into the account key, so "Ada@Example.com " and "ada@example.com" share a counter. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Returns the seconds to wait before another sign-in attempt (the longer of the two locks), or null when allowed. */
export function checkSignInAllowed(email: string, ip: string | null | undefined, now?: number): number | null {
  const decisions = [signInThrottle.perAccount.check(accountKey(email), now)];
  // Without a known client address there is nothing to key on; lumping unknowns together would
  // let one client lock out everyone else who also lacks one.
  if (ip) decisions.push(signInThrottle.perClient.check(ip, now));
  let retryAfter: number | null = null;
  for (const decision of decisions) {
    if (!decision.allowed) retryAfter = Math.max(retryAfter ?? 0, decision.retryAfterSeconds);
  }
  return retryAfter;
}

/** Counts a failed sign-in against both the account and the client address. */
export function recordSignInFailure(email: string, ip: string | null | undefined, now?: number): void {
  signInThrottle.perAccount.recordFailure(accountKey(email), now);
  if (ip) signInThrottle.perClient.recordFailure(ip, now);
}

/** Clears the account's failures after a successful sign-in; the client's count stays, so one good login cannot hide a spray. */
export function recordSignInSuccess(email: string): void {
  signInThrottle.perAccount.reset(accountKey(email));
}

// Password hashing with argon2id at the OWASP minimum (19 MiB, t=2, p=1). Each hash or verify
// holds ~19 MiB while it runs, so a semaphore caps how many run at once: a burst of sign-ins
// queues instead of exhausting memory (and the libuv thread pool the work runs on).
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

const ARGON2_OPTIONS: Options = {
  // The package declares Algorithm as a const enum with no runtime object, which isolatedModules
  // cannot inline; 2 is its Argon2id member.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** The PHC prefix every hash made here starts with. */
export const PASSWORD_HASH_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$";

// A hash of a random, discarded password with the same parameters, so that dummyVerify costs
// what a real verify costs. If ARGON2_OPTIONS change, regenerate it (a unit test checks the prefix).
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$xxuHwrrymyaK+j0FmNo+2w$8hFdFTlBkxss7rIanizxmrtZy4jODpPkoRWrScwT2L8";

const DEFAULT_CONCURRENCY = 4;

/**
 * The slots live on globalThis, not in this module: the process holds two copies of lib/ (Next's
 * bundle and the lean API router's), and a cap per copy would let twice as many hashes run.
 */
type Slots = { maxActive: number | null; active: number; peakActive: number; completed: number; waiting: Array<() => void> };
const SLOTS = Symbol.for("claimcheck.passwordHashSlots");
const holder = globalThis as unknown as { [SLOTS]?: Slots };
const freshSlots = (): Slots => ({ maxActive: null, active: 0, peakActive: 0, completed: 0, waiting: [] });
const slots = (): Slots => (holder[SLOTS] ??= freshSlots());

function concurrencyLimit(): number {
  const s = slots();
  if (s.maxActive === null) {
    // Read on first use rather than at import, so the environment is settled by then.
    const fromEnv = Number.parseInt(process.env.PASSWORD_HASH_CONCURRENCY ?? "", 10);
    s.maxActive = Number.isInteger(fromEnv) && fromEnv >= 1 ? Math.min(fromEnv, 64) : DEFAULT_CONCURRENCY;
  }
  return s.maxActive;
}

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  const s = slots();
  if (s.active >= concurrencyLimit()) {
    // The releasing call hands its slot over directly, so `active` never dips and lets a
    // newcomer overtake the queue: strict FIFO.
    await new Promise<void>((resolve) => s.waiting.push(resolve));
  } else {
    s.active++;
  }
  s.peakActive = Math.max(s.peakActive, s.active);
  try {
    return await work();
  } finally {
    s.completed++;
    const next = s.waiting.shift();
    if (next) next();
    else s.active--;
  }
}

/** Hashes a password with argon2id; the result is a self-describing PHC string. */
export function hashPassword(password: string): Promise<string> {
  return withSlot(() => hash(password, ARGON2_OPTIONS));
}

/** True when the password matches the stored hash; false for a wrong password or a malformed hash. */
export function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return withSlot(async () => {
    try {
      return await verify(storedHash, password);
    } catch {
      // A corrupt or foreign hash string must read as "no match", never as a server error.
      return false;
    }
  });
}

/** Does the work of one verify against a fixed hash, so a sign-in for an unknown account takes as long as a real one; always false. */
export async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/** Current use of the hashing slots, for tests and diagnostics. */
export function hashingStats(): { active: number; queued: number; peakActive: number; completed: number } {
  const { active, waiting, peakActive, completed } = slots();
  return { active, queued: waiting.length, peakActive, completed };
}

/** Tests only: forgets the slots' state and limit (nothing may be running). */
export function resetHashingSlots(): void {
  if (slots().active > 0) throw new Error("Password hashes are still running.");
  holder[SLOTS] = freshSlots();
}

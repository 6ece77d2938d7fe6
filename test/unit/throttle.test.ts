import {
  checkSignInAllowed,
  createThrottle,
  recordSignInFailure,
  recordSignInSuccess,
  signInThrottle,
} from "@/lib/security/throttle";

const MINUTE = 60_000;
const T0 = Date.UTC(2030, 0, 1);

describe("createThrottle", () => {
  const options = { maxFailures: 3, windowMs: 10 * MINUTE, lockoutMs: 5 * MINUTE };

  it("allows until maxFailures failures fall in the window, then locks with a Retry-After", () => {
    const t = createThrottle(options);
    expect(t.check("k", T0)).toEqual({ allowed: true });
    t.recordFailure("k", T0);
    t.recordFailure("k", T0 + MINUTE);
    expect(t.check("k", T0 + MINUTE)).toEqual({ allowed: true });
    t.recordFailure("k", T0 + 2 * MINUTE);
    expect(t.check("k", T0 + 2 * MINUTE)).toEqual({ allowed: false, retryAfterSeconds: 300 });
    // Rounds up, so a client never retries a fraction of a second too early.
    expect(t.check("k", T0 + 2 * MINUTE + 1500)).toEqual({ allowed: false, retryAfterSeconds: 299 });
    expect(t.check("k", T0 + 7 * MINUTE - 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("unlocks once lockoutMs has passed since the last counted failure", () => {
    const t = createThrottle(options);
    for (let i = 0; i < 3; i++) t.recordFailure("k", T0 + i * 1000);
    expect(t.check("k", T0 + 2000 + 5 * MINUTE - 1).allowed).toBe(false);
    expect(t.check("k", T0 + 2000 + 5 * MINUTE)).toEqual({ allowed: true });
  });

  it("a failure while locked extends the lock", () => {
    const t = createThrottle(options);
    for (let i = 0; i < 3; i++) t.recordFailure("k", T0);
    t.recordFailure("k", T0 + 4 * MINUTE);
    expect(t.check("k", T0 + 6 * MINUTE)).toEqual({ allowed: false, retryAfterSeconds: 180 });
  });

  it("forgets failures that slid out of the window", () => {
    const t = createThrottle(options);
    t.recordFailure("k", T0);
    t.recordFailure("k", T0 + MINUTE);
    // Ten minutes after the first failure it no longer counts: 2 in the window, still allowed.
    t.recordFailure("k", T0 + 10 * MINUTE);
    expect(t.check("k", T0 + 10 * MINUTE)).toEqual({ allowed: true });
    t.recordFailure("k", T0 + 10 * MINUTE + 1);
    expect(t.check("k", T0 + 10 * MINUTE + 1).allowed).toBe(false);
  });

  it("keeps keys apart and reset clears one key", () => {
    const t = createThrottle(options);
    for (let i = 0; i < 3; i++) t.recordFailure("a", T0);
    expect(t.check("b", T0)).toEqual({ allowed: true });
    t.reset("a");
    expect(t.check("a", T0)).toEqual({ allowed: true });
  });

  it("prunes expired keys on access", () => {
    const t = createThrottle(options);
    for (let i = 0; i < 100; i++) t.recordFailure(`user${i}`, T0);
    expect(t.size()).toBe(100);
    t.check("someone", T0 + 10 * MINUTE);
    expect(t.size()).toBe(0);
  });

  it("caps the number of keys, dropping the least recently failed", () => {
    const t = createThrottle({ ...options, maxKeys: 1000 });
    for (let i = 0; i < 3; i++) t.recordFailure("victim", T0);
    for (let i = 0; i < 999; i++) t.recordFailure(`spray${i}`, T0 + 1);
    expect(t.size()).toBe(1000);
    expect(t.check("victim", T0 + 2).allowed).toBe(false);
    t.recordFailure("one-more", T0 + 2);
    expect(t.size()).toBe(1000);
    expect(t.check("victim", T0 + 2)).toEqual({ allowed: true });
    expect(t.check("spray0", T0 + 2)).toEqual({ allowed: true });
  });

  it("has a default cap of 50,000 keys", () => {
    const t = createThrottle(options);
    for (let i = 0; i < 50_010; i++) t.recordFailure(`k${i}`, T0);
    expect(t.size()).toBe(50_000);
  });

  it("rejects nonsensical options", () => {
    expect(() => createThrottle({ ...options, maxFailures: 0 })).toThrow(RangeError);
    expect(() => createThrottle({ ...options, windowMs: Number.NaN })).toThrow(RangeError);
  });
});

describe("sign-in throttle", () => {
  beforeEach(() => {
    // The sign-in throttle is module state shared by these tests; start each from a clean slate.
    jest.resetModules();
  });

  const load = (): typeof import("@/lib/security/throttle") => require("@/lib/security/throttle");

  it("locks an account after 5 failures for 15 minutes, whatever the email's case or spacing", () => {
    const s = load();
    for (let i = 0; i < 4; i++) s.recordSignInFailure(i % 2 ? " Ada@Example.COM " : "ada@example.com", `10.0.0.${i}`, T0 + i);
    expect(s.checkSignInAllowed("ada@example.com", "10.0.0.9", T0 + 10)).toBeNull();
    s.recordSignInFailure("ADA@example.com", "10.0.0.5", T0 + 10);
    expect(s.checkSignInAllowed("ada@example.com", "10.0.0.9", T0 + 10)).toBe(900);
    expect(s.checkSignInAllowed("ada@example.com", "10.0.0.9", T0 + 10 + 15 * MINUTE)).toBeNull();
    // Another account from the same addresses is unaffected.
    expect(s.checkSignInAllowed("bob@example.com", "10.0.0.5", T0 + 10)).toBeNull();
  });

  it("locks a client address after 20 failures across accounts", () => {
    const s = load();
    for (let i = 0; i < 20; i++) s.recordSignInFailure(`user${i}@example.com`, "203.0.113.7", T0 + i * 1000);
    expect(s.checkSignInAllowed("fresh@example.com", "203.0.113.7", T0 + 20_000)).toBe(15 * 60 - 1);
    expect(s.checkSignInAllowed("fresh@example.com", "203.0.113.8", T0 + 20_000)).toBeNull();
  });

  it("reports the longer of the two waits", () => {
    const s = load();
    for (let i = 0; i < 20; i++) s.recordSignInFailure(`user${i}@example.com`, "203.0.113.7", T0);
    for (let i = 0; i < 5; i++) s.recordSignInFailure("ada@example.com", "198.51.100.1", T0 + 5 * MINUTE);
    expect(s.checkSignInAllowed("ada@example.com", "203.0.113.7", T0 + 6 * MINUTE)).toBe(14 * 60);
  });

  it("a successful sign-in clears the account's failures but not the client's", () => {
    const s = load();
    for (let i = 0; i < 4; i++) s.recordSignInFailure("ada@example.com", "203.0.113.7", T0);
    s.recordSignInSuccess(" ADA@example.com");
    s.recordSignInFailure("ada@example.com", "203.0.113.7", T0 + 1);
    expect(s.checkSignInAllowed("ada@example.com", "198.51.100.1", T0 + 2)).toBeNull();

    for (let i = 0; i < 15; i++) s.recordSignInFailure(`u${i}@example.com`, "203.0.113.7", T0 + 3);
    s.recordSignInSuccess("ada@example.com");
    expect(s.checkSignInAllowed("other@example.com", "203.0.113.7", T0 + 4)).toBe(900);
  });

  it("skips the per-client check when the address is unknown", () => {
    const s = load();
    for (let i = 0; i < 25; i++) s.recordSignInFailure(`u${i}@example.com`, null, T0);
    expect(s.checkSignInAllowed("new@example.com", undefined, T0)).toBeNull();
    expect(s.signInThrottle.perClient.size()).toBe(0);
  });

  it("exposes both instances with the documented limits", () => {
    expect(Object.keys(signInThrottle).sort()).toEqual(["perAccount", "perClient"]);
    for (let i = 0; i < 5; i++) recordSignInFailure("limits@example.com", undefined, T0);
    expect(checkSignInAllowed("limits@example.com", undefined, T0)).toBe(900);
    recordSignInSuccess("limits@example.com");
    expect(checkSignInAllowed("limits@example.com", undefined, T0)).toBeNull();
  });
});

import { PASSWORD_HASH_PREFIX, dummyVerify, hashPassword, hashingStats, verifyPassword } from "@/lib/security/hash";

jest.setTimeout(30_000);

const PASSWORD = "violet otter carries lantern";

describe("hashPassword / verifyPassword", () => {
  let stored: string;

  beforeAll(async () => {
    stored = await hashPassword(PASSWORD);
  });

  it("produces an argon2id hash with the OWASP parameters", () => {
    expect(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(stored.startsWith(PASSWORD_HASH_PREFIX)).toBe(true);
  });

  it("salts each hash", async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(stored);
  });

  it("round-trips, and refuses a wrong or differently cased password", async () => {
    expect(await verifyPassword(stored, PASSWORD)).toBe(true);
    expect(await verifyPassword(stored, "violet otter carries lanterns")).toBe(false);
    expect(await verifyPassword(stored, PASSWORD.toUpperCase())).toBe(false);
  });

  it("handles non-ASCII passwords", async () => {
    const emoji = "café 🐢 über straße";
    const h = await hashPassword(emoji);
    expect(await verifyPassword(h, emoji)).toBe(true);
    expect(await verifyPassword(h, "cafe 🐢 uber strasse")).toBe(false);
  });

  it("returns false rather than throwing for malformed hashes", async () => {
    for (const bad of ["", "not-a-hash", "$argon2id$v=19$m=19456,t=2,p=1$abc", "$2b$10$abcdefghijklmnopqrstuv", stored.slice(0, -10)]) {
      await expect(verifyPassword(bad, PASSWORD)).resolves.toBe(false);
    }
  });

  // How long it takes is measured by `npm run bench -- hash`, not asserted here.
  it("dummyVerify always fails, and does the work of one real verify", async () => {
    const before = hashingStats().completed;
    expect(await dummyVerify(PASSWORD)).toBe(false);
    expect(await dummyVerify("wrong password here")).toBe(false);
    expect(hashingStats().completed - before).toBe(2);
  });
});

describe("concurrency cap", () => {
  it("is one cap per process, however many copies of the module are loaded", async () => {
    let second!: typeof import("@/lib/security/hash");
    jest.isolateModules(() => {
      second = require("@/lib/security/hash");
    });
    expect(second).not.toBe(require("@/lib/security/hash"));
    const stored = await hashPassword(PASSWORD);
    const calls = Array.from({ length: 6 }, (_, i) => (i % 2 ? second : { verifyPassword }).verifyPassword(stored, PASSWORD));
    expect(hashingStats()).toMatchObject({ active: 4, queued: 2 });
    expect(second.hashingStats()).toMatchObject({ active: 4, queued: 2 });
    expect(await Promise.all(calls)).toEqual(Array(6).fill(true));
  });

  it("runs at most 4 at once by default and resolves every call correctly", async () => {
    const stored = await hashPassword(PASSWORD);
    const calls = Array.from({ length: 20 }, (_, i) => verifyPassword(stored, i % 2 === 0 ? PASSWORD : `${PASSWORD}!`));
    const during = hashingStats();
    expect(during.active).toBe(4);
    expect(during.queued).toBe(16);
    const results = await Promise.all(calls);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i % 2 === 0));
    const after = hashingStats();
    expect(after.peakActive).toBe(4);
    expect(after).toMatchObject({ active: 0, queued: 0 });
  });

  it("takes its limit from PASSWORD_HASH_CONCURRENCY", async () => {
    const previous = process.env.PASSWORD_HASH_CONCURRENCY;
    process.env.PASSWORD_HASH_CONCURRENCY = "2";
    try {
      let isolated!: typeof import("@/lib/security/hash");
      jest.isolateModules(() => {
        isolated = require("@/lib/security/hash");
      });
      isolated.resetHashingSlots();
      const stored = await isolated.hashPassword(PASSWORD);
      const calls = Array.from({ length: 6 }, () => isolated.verifyPassword(stored, PASSWORD));
      expect(isolated.hashingStats()).toMatchObject({ active: 2, queued: 4 });
      expect(await Promise.all(calls)).toEqual(Array(6).fill(true));
      expect(isolated.hashingStats().peakActive).toBe(2);
    } finally {
      if (previous === undefined) delete process.env.PASSWORD_HASH_CONCURRENCY;
      else process.env.PASSWORD_HASH_CONCURRENCY = previous;
    }
  });

  // Last in the file: it replaces the argon2 module so that each verify finishes exactly when the test says.
  it("starts queued calls in arrival order", async () => {
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    let isolated!: typeof import("@/lib/security/hash");
    jest.isolateModules(() => {
      jest.doMock("@node-rs/argon2", () => ({
        hash: jest.fn(),
        verify: (_stored: string, password: string) => {
          started.push(password);
          return new Promise<boolean>((resolve) => finish.set(password, () => resolve(true)));
        },
      }));
      isolated = require("@/lib/security/hash");
    });
    isolated.resetHashingSlots();
    try {
      const settle = () => new Promise((resolve) => setImmediate(resolve));
      const calls = Array.from({ length: 8 }, (_, i) => isolated.verifyPassword("stored", `p${i}`));
      await settle();
      expect(started).toEqual(["p0", "p1", "p2", "p3"]);
      expect(isolated.hashingStats()).toMatchObject({ active: 4, queued: 4 });

      finish.get("p2")!();
      await settle();
      expect(started).toEqual(["p0", "p1", "p2", "p3", "p4"]);

      finish.get("p0")!();
      finish.get("p4")!();
      await settle();
      expect(started).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);

      for (const password of ["p1", "p3", "p5", "p6"]) finish.get(password)!();
      await settle();
      finish.get("p7")!();
      expect(await Promise.all(calls)).toEqual(Array(8).fill(true));
      expect(isolated.hashingStats()).toEqual({ active: 0, queued: 0, peakActive: 4, completed: 8 });
    } finally {
      jest.dontMock("@node-rs/argon2");
    }
  });
});

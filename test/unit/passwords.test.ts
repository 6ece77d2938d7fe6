import {
  COMMON_PASSWORD_COUNT,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkPasswordPolicy,
  isCommonPassword,
  passwordLength,
} from "@/lib/security/passwords";

type CommonDictionaryModule = typeof import("@zxcvbn-ts/language-common");

const packageList: string[] = (jest.requireActual("@zxcvbn-ts/language-common") as CommonDictionaryModule).dictionary[
  "passwords-common"
];

describe("password length", () => {
  it("uses NIST/ASVS limits", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(PASSWORD_MAX_LENGTH).toBeGreaterThanOrEqual(64);
  });

  it("refuses 11 characters and accepts a 12-character random passphrase", () => {
    expect(checkPasswordPolicy("kq7vmtx2wzp")).toMatch(/at least 12 characters/);
    expect(checkPasswordPolicy("kq7vmtx2wzpa")).toBeNull();
    expect(checkPasswordPolicy("")).toMatch(/at least 12/);
  });

  it("accepts 64 and 128 characters, refuses 129", () => {
    const phrase = "violet otter carries lantern through quiet harbour ";
    expect(checkPasswordPolicy(phrase.repeat(2).slice(0, 64))).toBeNull();
    expect(checkPasswordPolicy(phrase.repeat(3).slice(0, 128))).toBeNull();
    expect(checkPasswordPolicy(phrase.repeat(3).slice(0, 129))).toMatch(/at most 128/);
  });

  it("counts code points, so emoji count once each", () => {
    // 6 letters + 6 astral emoji = 12 code points but 18 UTF-16 units.
    const withEmoji = "abcdef🐢🌵🚲🎻🍋🪁";
    expect(withEmoji.length).toBe(18);
    expect(passwordLength(withEmoji)).toBe(12);
    expect(checkPasswordPolicy(withEmoji)).toBeNull();
    // 5 letters + 6 emoji = 11 code points (17 units): still too short.
    expect(checkPasswordPolicy("abcde🐢🌵🚲🎻🍋🪁")).toMatch(/at least 12/);
    // 128 emoji is 256 UTF-16 units yet within the limit.
    expect(checkPasswordPolicy("🐢".repeat(128))).toBeNull();
    expect(checkPasswordPolicy("🐢".repeat(129))).toMatch(/at most 128/);
  });

  it("has no composition rules", () => {
    expect(checkPasswordPolicy("correct horse battery staple")).toBeNull();
    expect(checkPasswordPolicy("onlylowercaselettershere")).toBeNull();
  });
});

describe("common passwords", () => {
  it("holds at least 10,000 passwords, matching the installed package", () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
    // If this fails after upgrading the package, update COMMON_PASSWORD_COUNT.
    expect(new Set(packageList.map((p) => p.toLowerCase())).size).toBe(COMMON_PASSWORD_COUNT);
  });

  it("refuses well-known passwords of allowed length, in any letter case", () => {
    for (const password of ["password1234", "Password1234", "PASSWORD1234", "qwertyuiop123", "123456789012"]) {
      expect(checkPasswordPolicy(password)).toMatch(/too common/);
    }
  });

  it("refuses every long-enough entry of the list, including the last", () => {
    const eligible = packageList.filter((p) => {
      const n = passwordLength(p);
      return n >= PASSWORD_MIN_LENGTH && n <= PASSWORD_MAX_LENGTH;
    });
    expect(eligible.length).toBeGreaterThan(100);
    for (const password of eligible) expect(checkPasswordPolicy(password.toUpperCase())).toMatch(/too common/);
  });

  it("matches short list entries case-insensitively too", () => {
    expect(isCommonPassword("DRAGON")).toBe(true);
    expect(isCommonPassword("violet otter carries lantern")).toBe(false);
  });
});

describe("context words", () => {
  const context = { email: "Ada.Lovelace@Example.com", name: "Ada Lovelace" };

  it("refuses the email address itself and anything containing its local part", () => {
    expect(checkPasswordPolicy("ada.lovelace@example.com", context)).toMatch(/email/);
    expect(checkPasswordPolicy("my-ADA.LOVELACE-2024!", context)).toMatch(/email/);
    expect(checkPasswordPolicy("ada.lovelace", { email: "ada.lovelace@example.com" })).toMatch(/email/);
  });

  it("refuses the user's name", () => {
    expect(checkPasswordPolicy("adalovelace1815!", context)).toMatch(/name/);
  });

  it("accepts unrelated passwords, and ignores very short local parts for containment", () => {
    expect(checkPasswordPolicy("violet otter carries lantern", context)).toBeNull();
    expect(checkPasswordPolicy("banana republic sunrise", { email: "an@example.com", name: "An" })).toBeNull();
  });

  it("treats missing context as no context", () => {
    expect(checkPasswordPolicy("violet otter carries lantern", {})).toBeNull();
    expect(checkPasswordPolicy("violet otter carries lantern", { email: null, name: null })).toBeNull();
  });
});

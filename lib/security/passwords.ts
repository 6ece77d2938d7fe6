// Password policy after OWASP ASVS 5.0 (L2) and NIST SP 800-63B: length and a blocklist of
// common passwords only, no composition rules (they push users to predictable patterns).
// The blocklist is the "passwords-common" dictionary of the npm package
// @zxcvbn-ts/language-common (4.1.3 when written; ~49k passwords ranked by frequency in leaks).

type CommonDictionaryModule = typeof import("@zxcvbn-ts/language-common");

export type PasswordContext = { email?: string | null; name?: string | null };

export const PASSWORD_MIN_LENGTH = 12;
// ASVS asks that at least 64 be allowed; the ceiling only bounds hashing work per request.
export const PASSWORD_MAX_LENGTH = 128;

// Size of the blocklist in the locked package version. A constant, so that reading it does not
// load the list; a unit test compares it with the installed package, so an upgrade that changes
// the list fails loudly instead of drifting.
export const COMMON_PASSWORD_COUNT = 49_233;

// Shorter context words would refuse too many unrelated passwords ("an" in "planet...").
const MIN_CONTEXT_WORD_LENGTH = 4;

let commonPasswords: ReadonlySet<string> | null = null;

function commonPasswordSet(): ReadonlySet<string> {
  if (commonPasswords === null) {
    // Required here rather than imported at the top: the package decompresses its dictionaries
    // when loaded (~60 ms), which only code paths that check a password should pay for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dictionary } = require("@zxcvbn-ts/language-common") as CommonDictionaryModule;
    commonPasswords = new Set(dictionary["passwords-common"].map((word: string) => word.toLowerCase()));
  }
  return commonPasswords;
}

/** Number of Unicode code points, so an emoji counts as one character as the user sees it. */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of password) count++;
  return count;
}

/** True when the password (any letter case) is on the common-password blocklist. */
export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(password.toLowerCase());
}

function containsContextWord(lowered: string, word: string | null | undefined): boolean {
  if (!word) return false;
  if (lowered === word) return true;
  return passwordLength(word) >= MIN_CONTEXT_WORD_LENGTH && lowered.includes(word);
}

/** Checks a new password against the policy; returns a message to show the user, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, context?: PasswordContext): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a long password easy to remember.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  }

  const lowered = password.toLowerCase();
  if (isCommonPassword(password)) {
    return "This password is too common and easy to guess. Choose a less predictable one.";
  }

  const email = context?.email?.trim().toLowerCase();
  if (email) {
    const at = email.lastIndexOf("@");
    const localPart = at > 0 ? email.slice(0, at) : email;
    if (lowered.includes(email) || containsContextWord(lowered, localPart)) {
      return "Do not use your email address in your password.";
    }
  }

  // Spaces are dropped so that "Ada Lovelace" also catches "adalovelace2024".
  const name = context?.name?.toLowerCase().replace(/\s+/g, "");
  if (containsContextWord(lowered.replace(/\s+/g, ""), name)) {
    return "Do not use your name in your password.";
  }

  return null;
}

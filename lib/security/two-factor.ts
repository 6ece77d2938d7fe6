// Two-factor sign-in (TOTP) with the auth library's plugin, under the app's rules:
//  - recovery codes are stored as keyed hashes (the plugin would store them encrypted, i.e.
//    readable by anyone with the app secret): `recoveryCodeStore` hashes on the way in, and the
//    auth route hashes a submitted code before the plugin compares (hashRecoveryCode);
//  - verifying a code is throttled like the password (lib/security/throttle.ts), audited, and
//    the plugin's "trust this device for 30 days" is refused;
//  - an admin setting requires it for chosen roles (lib/security/settings.ts).
import { createHmac } from "node:crypto";

const HASHED = "h:";

function secret(): string {
  return process.env.BETTER_AUTH_SECRET ?? "";
}

/** The stored form of a recovery code: HMAC-SHA256 under the app secret. Idempotent. */
export function hashRecoveryCode(code: string): string {
  if (code.startsWith(HASHED)) return code;
  return HASHED + createHmac("sha256", secret()).update(code.trim()).digest("hex");
}

/**
 * The plugin's custom backup-code storage: what it "encrypts" is hashed, and "decrypting" gives
 * the hashes back, against which the (hashed) submitted code is compared.
 */
export const recoveryCodeStore = {
  encrypt: async (json: string): Promise<string> => {
    const codes = JSON.parse(json) as string[];
    return JSON.stringify(codes.map(hashRecoveryCode));
  },
  decrypt: async (stored: string): Promise<string> => stored,
};

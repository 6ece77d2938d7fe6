/** A digest of everything the production build depends on, kept beside the build. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
export const stampFile = path.join(root, ".next", "claimcheck-build-digest");

/** Hashes the sources the build is made from. */
export function sourceDigest(): string {
  const hash = createHash("sha256");
  const include = ["app", "components", "lib", "public", "proxy.ts", "scripts/build-api.mts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      if (p.endsWith(path.join("lib", "generated"))) return;
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      hash.update(path.relative(root, p)).update(readFileSync(p));
    }
  };
  include.forEach((p) => walk(path.join(root, p)));
  return hash.digest("hex");
}

/** Whether the current build was made from the current sources. */
export function buildIsCurrent(): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === sourceDigest();
}

/** Records that the build in .next matches the current sources. */
export function recordBuild(): void {
  writeFileSync(stampFile, sourceDigest());
}

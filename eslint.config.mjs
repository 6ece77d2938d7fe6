// `npm run lint`: Next's rules (core web vitals, React, React hooks, Next) with typescript-eslint,
// as a flat config. Every rule switched off or relaxed below says why.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "coverage/**"]),
  {
    rules: {
      // Not off: the codebase's convention that a leading underscore marks a value left unused on
      // purpose (e.g. the secret dropped from a token before listing it, `for (const _ of …)`).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // jest.isolateModules and jest.doMock need require(): an import would be hoisted out of them.
      "@typescript-eslint/no-require-imports": "off",
      // Test helpers read loosely typed JSON answers (RSC rows, error bodies) and assert on them;
      // typing every answer would add nothing the assertions do not already check.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["test/support/**/*.{js,mjs}", "jest.config.js", "next.config.js", "postcss.config.mjs"],
    rules: {
      // CommonJS configuration files that Jest and Next load with require().
      "@typescript-eslint/no-require-imports": "off",
    },
  },
]);

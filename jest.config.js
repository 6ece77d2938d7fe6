// Two projects: pure unit tests, and integration tests against a real SQLite file.
// next/jest supplies SWC, path aliases and env loading.
const nextJest = require("next/jest");

const createJestConfig = nextJest({ dir: "./" });

const shared = {
  testEnvironment: "node",
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1", "^server-only$": "<rootDir>/test/support/empty.js" },
};

// ESM-only packages that Jest (on Node 20) must compile to CommonJS.
const esmPackages = ["approx-string-match", "css-select", "css-what", "nth-check", "domutils", "domhandler", "domelementtype", "dom-serializer", "entities", "htmlparser2", "boolbase", "uhyphen", "html-escaper", "cssomnom", "htmlparser2"];
const withEsm = (config) => ({
  ...config,
  transformIgnorePatterns: config.transformIgnorePatterns.map((p) => p.replace("/node_modules/(?!.pnpm)", `/node_modules/(?!.pnpm)(?!(${esmPackages.join("|")})/)`)),
});

module.exports = async () => {
  const unit = await createJestConfig({ ...shared, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] })();
  const integration = await createJestConfig({
    ...shared,
    displayName: "integration",
    testMatch: ["<rootDir>/test/integration/**/*.test.ts"],
    globalSetup: "<rootDir>/test/support/global-setup.mjs",
    setupFiles: ["<rootDir>/test/support/integration-env.js"],
    setupFilesAfterEnv: ["<rootDir>/test/support/timeouts.js"],
  })();
  const e2e = await createJestConfig({
    ...shared,
    displayName: "e2e",
    testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
    globalSetup: "<rootDir>/test/support/global-setup.mjs",
    setupFiles: ["<rootDir>/test/support/integration-env.js"],
    setupFilesAfterEnv: ["<rootDir>/test/support/timeouts.js"],
  })();
  return { projects: [unit, integration, e2e].map(withEsm) };
};

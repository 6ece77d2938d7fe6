/** `npm run build`: the production build, recorded so `npm start` knows it is current. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import { recordBuild } from "./build-digest.mts";
import { buildLeanApi } from "./build-api.mts";

const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);
// The report worker thread (lib/reports/worker-pool.ts): one bundle, packages loaded from node_modules.
await build({
  entryPoints: ["lib/reports/worker-entry.ts"],
  outfile: path.join(".next", "claimcheck-report-worker.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  // The worker loads report data with lib/db's client of its own; `server-only` only guards the
  // client bundles, which this is not.
  plugins: [
    {
      name: "server-only",
      setup(b) {
        b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
        b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
      },
    },
  ],
});
// The JSON API's route handlers, bundled for the lean router of scripts/serve.mjs.
const routes = await buildLeanApi();
console.log(`Lean API bundle: ${routes.filter((r) => !r.servedByNext).length} route files (.next/api-server/api.mjs)`);
recordBuild();

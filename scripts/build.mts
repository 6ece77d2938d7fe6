/** `npm run build`: the production build, recorded so `npm start` knows it is current. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { recordBuild } from "./build-digest.mts";
import { buildLeanApi } from "./build-api.mts";

const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);
// The JSON API's route handlers, bundled for the lean router of scripts/serve.mjs.
const routes = await buildLeanApi();
console.log(`Lean API bundle: ${routes.filter((r) => !r.servedByNext).length} route files (.next/api-server/api.mjs)`);
recordBuild();

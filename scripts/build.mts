/** `npm run build`: the production build, recorded so `npm start` knows it is current. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { recordBuild } from "./build-digest.mts";

const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);
recordBuild();

/**
 * Starts the built app on a free port against this test file's SQLite file (DATABASE_URL, set
 * by integration-env.js), for integration and end-to-end tests over real HTTP.
 */
import path from "node:path";
import { startAppServer, type AppServer } from "../../scripts/app-server";

export type TestServer = AppServer;

/** Starts the app; resolves once /api/health answers. */
export function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startAppServer(env, path.resolve(__dirname, "../.."));
}

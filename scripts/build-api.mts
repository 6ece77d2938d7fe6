/**
 * Bundles the JSON API's route handlers for the lean router (lib/http/lean-router.ts), run by
 * `npm run build` after `next build`. The route table comes from the file system: every
 * app/api/v1/**\/route.ts, app/api/health/route.ts and app/api/ready/route.ts, with [id] and [...rest] folders as params,
 * so routes added later are served with no extra work. A route file that imports Next-only
 * request APIs (next/headers, next/cache) or is a server action stays with Next.
 *
 * Output: .next/api-server/api.mjs (ESM for Node; packages stay external and load from
 * node_modules; lib/ and the generated Prisma client are bundled; `@/` is resolved from
 * tsconfig.json; `server-only` is an empty module).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

/** The URL prefixes the lean router serves, and the folders their route files live in. */
export const LEAN_ROOTS = [
  { prefix: "/api/v1", dir: "app/api/v1" },
  { prefix: "/api/health", dir: "app/api/health" },
  { prefix: "/api/ready", dir: "app/api/ready" },
];

const NEXT_ONLY = /from\s+["']next\/(headers|cache|navigation)["']|^\s*["']use server["']/m;

export type DiscoveredRoute = { file: string; pattern: string; servedByNext: boolean };

/** Every route.ts under the lean roots, with its URL pattern. */
export function discoverRoutes(root = process.cwd()): DiscoveredRoute[] {
  const found: DiscoveredRoute[] = [];
  const walk = (dir: string, urlPath: string) => {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) return;
    for (const name of readdirSync(abs).sort()) {
      const child = path.join(abs, name);
      if (statSync(child).isDirectory()) {
        // Private folders (_x) are not routes; groups ((x)) and slots (@x) add nothing to the URL.
        if (name.startsWith("_")) continue;
        const add = /^\(.*\)$/.test(name) || name.startsWith("@") ? "" : `/${name}`;
        walk(path.join(dir, name), urlPath + add);
      } else if (/^route\.(ts|js|mts|mjs)$/.test(name)) {
        const file = path.join(dir, name);
        found.push({ file, pattern: urlPath, servedByNext: NEXT_ONLY.test(readFileSync(child, "utf8")) });
      }
    }
  };
  for (const { prefix, dir } of LEAN_ROOTS) walk(dir, prefix);
  return found;
}

const serverOnlyIsEmpty: Plugin = {
  name: "server-only-empty",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/**
 * Packages stay external, but Node's ESM loader needs a file extension for a subpath of a package
 * without an "exports" map ("next/server" is "next/server.js"): add it where the file exists.
 */
const externalSubpathsWithExtension = (root: string): Plugin => ({
  name: "external-subpath-extension",
  setup(b) {
    b.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*\/.+/ }, (args) => {
      if (/\.(c|m)?js(on)?$/.test(args.path)) return { path: args.path, external: true };
      const parts = args.path.split("/");
      const pkgName = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
      const pkgJson = path.join(root, "node_modules", pkgName, "package.json");
      if (!existsSync(pkgJson) || JSON.parse(readFileSync(pkgJson, "utf8")).exports) return { path: args.path, external: true };
      return { path: existsSync(path.join(root, "node_modules", `${args.path}.js`)) ? `${args.path}.js` : args.path, external: true };
    });
  },
});

/** Writes .next/api-server/api.mjs; returns the routes it serves. */
export async function buildLeanApi(root = process.cwd()): Promise<DiscoveredRoute[]> {
  const routes = discoverRoutes(root);
  const outDir = path.join(root, ".next", "api-server");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // Each route is its own chunk, loaded on its first request (as Next does), so the server starts
  // without loading every route's libraries.
  const entries = routes.map(
    (r) =>
      `  { pattern: ${JSON.stringify(r.pattern)}${r.servedByNext ? ", servedByNext: true" : `, load: () => import(${JSON.stringify("./" + r.file.split(path.sep).join("/"))})`} },`,
  );
  const contents = [
    `import { createLeanApi } from "./lib/http/lean-router.ts";`,
    `export default createLeanApi([`,
    ...entries,
    `], ${JSON.stringify(LEAN_ROOTS.map((r) => r.prefix))});`,
  ].join("\n");
  const result = await build({
    metafile: true,
    stdin: { contents, resolveDir: root, sourcefile: "lean-api-entry.ts", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [serverOnlyIsEmpty, externalSubpathsWithExtension(root)],
    outdir: outDir,
    entryNames: "api",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    splitting: true,
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
    // Bundled code that calls require() (CommonJS habits in lib/) gets Node's own.
    banner: { js: `import { createRequire as __leanCreateRequire } from "node:module";\nconst require = __leanCreateRequire(import.meta.url);` },
  });
  // Next's request-scoped APIs do not exist outside Next's router: a route module, or any lib/
  // module it imports, that loads them at module level would fail here at request time.
  const offenders = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => i.kind === "import-statement" && /^next\/(headers|cache|navigation)(\.js)?$/.test(i.path)).map((i) => `${file} imports ${i.path}`),
  );
  if (offenders.length) {
    throw new Error(`The lean API bundle must not load Next's request APIs (serve these routes with Next, or move the import):\n  ${offenders.join("\n  ")}`);
  }
  writeFileSync(path.join(outDir, "routes.json"), JSON.stringify(routes, null, 2));
  return routes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const routes = await buildLeanApi();
  console.log(`lean API: ${routes.filter((r) => !r.servedByNext).length} route files bundled, ${routes.filter((r) => r.servedByNext).length} left to Next`);
}

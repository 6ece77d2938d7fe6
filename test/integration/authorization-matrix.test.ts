/**
 * The authorization matrix of API.md: every route handler and every server action, called as
 * each role and as an anonymous visitor. A route or action that is not in the matrix fails the
 * test, so nothing new ships unchecked.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";
import { callAction, callFormAction, serverActions } from "../support/actions";
import { startPageServer } from "../support/page-server";

type Who = "anonymous" | "viewer" | "checker" | "editor" | "admin";
const EVERYONE: Who[] = ["viewer", "checker", "editor", "admin"];
const CHECKER_UP: Who[] = ["checker", "editor", "admin"];
const EDITOR_UP: Who[] = ["editor", "admin"];
const ADMIN: Who[] = ["admin"];
const ROLES: Who[] = ["anonymous", "viewer", "checker", "editor", "admin"];

type Ctx = {
  articleId: string;
  body: string;
  users: Awaited<ReturnType<typeof seedUsers>>;
  api: Record<Exclude<Who, "anonymous">, ApiClient>;
};
type Req = { method: string; path: string; body?: unknown; stream?: boolean };
type RouteCase = { allowed: Who[]; denied?: 403 | 404; request: (ctx: Ctx, who: Who) => Promise<Req> | Req };

let n = 0;
async function freshClaim(ctx: Ctx, opts: { verdictBy?: Who } = {}) {
  const start = ctx.body.indexOf("Xi") + (n++ % 20);
  const created = await ctx.api.admin.post(`/api/v1/articles/${ctx.articleId}/claims`, { revision: 1, start, end: start + 10, allowDuplicate: true });
  expect(created.status).toBe(201);
  if (opts.verdictBy && opts.verdictBy !== "anonymous") {
    const set = await ctx.api[opts.verdictBy].patch(`/api/v1/claims/${created.body.id}`, { version: 1, status: "true" });
    expect(set.status).toBe(200);
  }
  return created.body.id as string;
}
/** An article imported from a local page server that the admin setting allows. */
async function pagedArticle(ctx: Ctx): Promise<string> {
  const r = await ctx.api.admin.post("/api/v1/articles", { title: "Paged", body: "Old text.", sourceUrl: `${pageServer.url}/page` });
  expect(r.status).toBe(201);
  return r.body.id;
}
async function currentRevision(ctx: Ctx): Promise<number> {
  return (await ctx.api.admin.get(`/api/v1/articles/${ctx.articleId}`)).body.revision;
}
async function freshEvidence(ctx: Ctx, by: Who) {
  const claimId = await freshClaim(ctx);
  const author = by === "anonymous" || by === "viewer" ? "checker" : by;
  const r = await ctx.api[author].post(`/api/v1/claims/${claimId}/evidence`, { url: "https://e.example/x", stance: "context" });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
async function freshToken(ctx: Ctx, who: Who) {
  const owner = who === "anonymous" ? "viewer" : who;
  const r = await ctx.api[owner].post("/api/v1/tokens", { name: `t${n++}` });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
async function freshUser(ctx: Ctx) {
  const r = await ctx.api.admin.post("/api/v1/users", { email: `u${n++}@example.com`, name: "Temp", role: "checker", password: PASSWORD });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** Route handlers: "METHOD /route/pattern" exactly as the file tree names it. */
const ROUTES: Record<string, RouteCase> = {
  "GET /api/v1/me": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/me" }) },
  // Everyone renames themself (to the same name, so the other cells are unaffected).
  "PATCH /api/v1/me": { allowed: EVERYONE, request: (_c, who) => ({ method: "PATCH", path: "/api/v1/me", body: { name: who } }) },
  "GET /api/v1/statuses": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/statuses" }) },
  "POST /api/v1/statuses": { allowed: ADMIN, request: () => ({ method: "POST", path: "/api/v1/statuses", body: { label: `Matrix ${n++}`, color: "#1e3a8a", isVerdict: false } }) },
  "PATCH /api/v1/statuses/[key]": { allowed: ADMIN, request: () => ({ method: "PATCH", path: "/api/v1/statuses/in_progress", body: { label: "In progress" } }) },
  "DELETE /api/v1/statuses/[key]": {
    allowed: ADMIN,
    request: async (c) => {
      const key = `gone_${n++}`;
      expect((await c.api.admin.post("/api/v1/statuses", { key, label: key, color: "#1e3a8a", isVerdict: false })).status).toBe(201);
      return { method: "DELETE", path: `/api/v1/statuses/${key}` };
    },
  },
  "POST /api/v1/statuses/presets": { allowed: ADMIN, request: () => ({ method: "POST", path: "/api/v1/statuses/presets", body: { preset: "default" } }) },
  "GET /api/v1/articles": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/articles" }) },
  "POST /api/v1/articles": { allowed: EDITOR_UP, request: () => ({ method: "POST", path: "/api/v1/articles", body: { title: "Matrix", body: "Some text." } }) },
  "GET /api/v1/articles/[id]": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}` }) },
  "PUT /api/v1/articles/[id]": { allowed: EDITOR_UP, request: async (c) => ({ method: "PUT", path: `/api/v1/articles/${c.articleId}`, body: { revision: await currentRevision(c), outlet: `Matrix ${n++}` } }) },
  "GET /api/v1/articles/[id]/revisions": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}/revisions` }) },
  "GET /api/v1/articles/[id]/revisions/[revision]": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}/revisions/1` }) },
  "GET /api/v1/articles/[id]/text": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}/text?revision=1` }) },
  "POST /api/v1/claims/[id]/anchor": { allowed: CHECKER_UP, request: async (c) => ({ method: "POST", path: `/api/v1/claims/${await freshClaim(c)}/anchor`, body: { version: 1, revision: await currentRevision(c), action: "retire", note: "Gone" } }) },
  "POST /api/v1/articles/import": { allowed: EDITOR_UP, request: () => ({ method: "POST", path: "/api/v1/articles/import", body: { html: "<article><p>The council approved a budget of $4.2 billion on Tuesday.</p></article>", preview: true } }) },
  "POST /api/v1/articles/[id]/refresh": { allowed: EDITOR_UP, request: async (c) => ({ method: "POST", path: `/api/v1/articles/${await pagedArticle(c)}/refresh`, body: {} }) },
  "GET /api/v1/articles/[id]/suggestions": { allowed: CHECKER_UP, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}/suggestions` }) },
  "POST /api/v1/articles/[id]/claims": { allowed: CHECKER_UP, request: (c) => ({ method: "POST", path: `/api/v1/articles/${c.articleId}/claims`, body: { revision: 1, start: 0, end: 7, allowDuplicate: true } }) },
  // An event stream never ends: only its status and first bytes are read.
  "GET /api/v1/articles/[id]/events": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}/events`, stream: true }) },
  "GET /api/v1/articles/[id]/report": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/articles/${c.articleId}/report?format=md` }) },
  "GET /api/v1/claims": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/claims" }) },
  "PATCH /api/v1/claims": { allowed: EDITOR_UP, request: async (c) => ({ method: "PATCH", path: "/api/v1/claims", body: { ids: [await freshClaim(c)], assigneeId: c.users.checker.id } }) },
  "GET /api/v1/claims/export": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/claims/export?format=csv" }) },
  // Organisation settings: everyone reads them (they are in every report); admins change them.
  "GET /api/v1/settings": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/settings" }) },
  "PATCH /api/v1/settings": { allowed: ADMIN, request: () => ({ method: "PATCH", path: "/api/v1/settings", body: { organizationName: `Desk ${n++}` } }) },
  "GET /api/v1/claims/[id]": { allowed: EVERYONE, request: async (c) => ({ method: "GET", path: `/api/v1/claims/${await freshClaim(c)}` }) },
  "PATCH /api/v1/claims/[id]": { allowed: CHECKER_UP, request: async (c) => ({ method: "PATCH", path: `/api/v1/claims/${await freshClaim(c)}`, body: { version: 1, status: "false" } }) },
  "DELETE /api/v1/claims/[id]": { allowed: EDITOR_UP, request: async (c) => ({ method: "DELETE", path: `/api/v1/claims/${await freshClaim(c)}` }) },
  "POST /api/v1/claims/[id]/evidence": { allowed: CHECKER_UP, request: async (c) => ({ method: "POST", path: `/api/v1/claims/${await freshClaim(c)}/evidence`, body: { url: "https://a.example", stance: "supports" } }) },
  "POST /api/v1/claims/[id]/comments": { allowed: CHECKER_UP, request: async (c) => ({ method: "POST", path: `/api/v1/claims/${await freshClaim(c)}/comments`, body: { body: "Looks right." } }) },
  // The verdict is set by a checker, so no editor is reviewing their own verdict.
  "POST /api/v1/claims/[id]/review": { allowed: EDITOR_UP, request: async (c) => ({ method: "POST", path: `/api/v1/claims/${await freshClaim(c, { verdictBy: "checker2" as Who })}/review`, body: { version: 2, decision: "approve" } }) },
  // A checker removes their own link; someone else's is covered in api-annotation.test.ts.
  "PATCH /api/v1/evidence/[id]": { allowed: CHECKER_UP, request: async (c, who) => ({ method: "PATCH", path: `/api/v1/evidence/${await freshEvidence(c, who)}`, body: { stance: "refutes" } }) },
  "DELETE /api/v1/evidence/[id]": { allowed: CHECKER_UP, request: async (c, who) => ({ method: "DELETE", path: `/api/v1/evidence/${await freshEvidence(c, who)}` }) },
  "GET /api/v1/notifications": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/notifications?unread=true" }) },
  "POST /api/v1/notifications/read": { allowed: EVERYONE, request: () => ({ method: "POST", path: "/api/v1/notifications/read", body: { all: true } }) },
  "GET /api/v1/stats": { allowed: EVERYONE, request: (c) => ({ method: "GET", path: `/api/v1/stats?articleId=${c.articleId}` }) },
  "GET /api/v1/users": { allowed: ADMIN, request: () => ({ method: "GET", path: "/api/v1/users" }) },
  "POST /api/v1/users": { allowed: ADMIN, request: () => ({ method: "POST", path: "/api/v1/users", body: { email: `new${n++}@example.com`, name: "New", role: "viewer", password: PASSWORD } }) },
  // Personal API tokens: everyone manages their own (admins also others', see tokens.test.ts).
  "GET /api/v1/tokens": { allowed: EVERYONE, request: () => ({ method: "GET", path: "/api/v1/tokens" }) },
  "POST /api/v1/tokens": { allowed: EVERYONE, request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: `matrix ${n++}` } }) },
  "DELETE /api/v1/tokens/[id]": { allowed: EVERYONE, request: async (c, who) => ({ method: "DELETE", path: `/api/v1/tokens/${await freshToken(c, who)}` }) },
  "GET /api/v1/admin/security": { allowed: ADMIN, request: () => ({ method: "GET", path: "/api/v1/admin/security" }) },
  "PATCH /api/v1/admin/security": { allowed: ADMIN, request: () => ({ method: "PATCH", path: "/api/v1/admin/security", body: { importAllowedHosts: ["example.org", `127.0.0.1:${pageServer.port}`] } }) },
  "PATCH /api/v1/users/[id]": { allowed: ADMIN, request: async (c) => ({ method: "PATCH", path: `/api/v1/users/${await freshUser(c)}`, body: { role: "viewer" } }) },
};

/** Routes outside the role table, and why. */
const PUBLIC_ROUTES: Record<string, string> = {
  "GET /api/health": "liveness probe, no data",
  "GET /api/ready": "readiness probe: database reachable and migrations current, no data",
  "GET /api/auth/[...all]": "the auth library's allowlisted routes only (get-session); everything else 404, see security tests",
  "POST /api/auth/[...all]": "the auth library's allowlisted routes only (sign-in, sign-out, two-factor); see security tests",
};
const CATCH_ALL = "/api/v1/[...rest]";

type ActionCase = { allowed: Who[] | "public"; args: (ctx: Ctx, who: Who) => Promise<unknown[]> | unknown[] };
const ACTIONS: Record<string, ActionCase> = {
  createArticleAction: { allowed: EDITOR_UP, args: () => [{ title: "Via action", body: "Text." }] },
  createClaimAction: { allowed: CHECKER_UP, args: (c) => [{ articleId: c.articleId, revision: 1, start: 0, end: 7, allowDuplicate: true }] },
  getClaimDetailAction: { allowed: EVERYONE, args: async (c) => [{ claimId: await freshClaim(c) }] },
  updateClaimAction: { allowed: CHECKER_UP, args: async (c) => [{ claimId: await freshClaim(c), version: 1, status: "true" }] },
  addEvidenceAction: { allowed: CHECKER_UP, args: async (c) => [{ claimId: await freshClaim(c), url: "https://a.example", stance: "refutes" }] },
  updateEvidenceAction: { allowed: CHECKER_UP, args: async (c, who) => [{ evidenceId: await freshEvidence(c, who), note: "Checked again." }] },
  deleteClaimAction: { allowed: EDITOR_UP, args: async (c) => [{ claimId: await freshClaim(c) }] },
  assignClaimsAction: { allowed: EDITOR_UP, args: async (c) => [{ ids: [await freshClaim(c)], assigneeId: c.users.checker.id }] },
  deleteEvidenceAction: { allowed: CHECKER_UP, args: async (c, who) => [{ evidenceId: await freshEvidence(c, who) }] },
  // The verdict is set by another checker, so no editor reviews their own.
  reviewClaimAction: { allowed: EDITOR_UP, args: async (c) => [{ claimId: await freshClaim(c, { verdictBy: "checker2" as Who }), version: 2, decision: "approve" }] },
  addCommentAction: { allowed: CHECKER_UP, args: async (c) => [{ claimId: await freshClaim(c), body: "Looks right, @editor." }] },
  listMentionableUsersAction: { allowed: EVERYONE, args: () => [{}] },
  findArticleChoicesAction: { allowed: EVERYONE, args: () => [{ q: "a" }] },
  countUnreadNotificationsAction: { allowed: EVERYONE, args: () => [{}] },
  markNotificationsReadAction: { allowed: EVERYONE, args: () => [{ all: true }] },
  createStatusAction: { allowed: ADMIN, args: () => [{ label: `Action ${n++}`, color: "#1e3a8a", isVerdict: false }] },
  updateStatusAction: { allowed: ADMIN, args: () => [{ statusKey: "in_progress", label: "In progress" }] },
  deleteStatusAction: {
    allowed: ADMIN,
    args: async (c) => {
      const key = `gone_${n++}`;
      expect((await c.api.admin.post("/api/v1/statuses", { key, label: key, color: "#1e3a8a", isVerdict: false })).status).toBe(201);
      return [{ statusKey: key }];
    },
  },
  applyPresetAction: { allowed: ADMIN, args: () => [{ preset: "default" }] },
  updateUserAction: { allowed: ADMIN, args: async (c) => [{ userId: await freshUser(c), role: "viewer" }] },
  createInviteAction: { allowed: ADMIN, args: () => [{ email: `inv${n++}@example.com`, name: "Invitee", role: "checker" }] },
  revokeInviteAction: {
    allowed: ADMIN,
    args: async (c) => {
      const r = await callAction(server.url, actions.get("createInviteAction")!, [{ email: `rv${n++}@example.com`, name: "R", role: "viewer" }], c.api.admin.cookieHeader);
      return [{ inviteId: r.result.data.invite.id }];
    },
  },
  updateArticleAction: { allowed: EDITOR_UP, args: async (c) => [{ articleId: c.articleId, revision: await currentRevision(c), outlet: `Action ${n++}` }] },
  previewImportAction: { allowed: EDITOR_UP, args: () => [{ html: "<article><p>The council approved a budget of $4.2 billion on Tuesday.</p></article>" }] },
  refreshArticleAction: { allowed: EDITOR_UP, args: async (c) => [{ articleId: await pagedArticle(c) }] },
  settleAnchorAction: { allowed: CHECKER_UP, args: async (c) => [{ claimId: await freshClaim(c), input: { version: 1, revision: await currentRevision(c), action: "retire", note: "Gone" } }] },
  createTokenAction: { allowed: EVERYONE, args: () => [{ name: `action ${n++}` }] },
  updateNameAction: { allowed: EVERYONE, args: (_c, who) => [{ name: who }] },
  updatePreferencesAction: { allowed: EVERYONE, args: () => [{ keyboardShortcuts: true }] },
  revokeTokenAction: { allowed: EVERYONE, args: async (c, who) => [{ tokenId: await freshToken(c, who) }] },
  // Each role changes its own password once, to one it has not used (its session stays).
  changePasswordAction: {
    allowed: EVERYONE,
    args: (_c, who) => {
      const fresh = `brand new passphrase number ${ROLES.indexOf(who)}`;
      return [{ currentPassword: PASSWORD, newPassword: fresh, confirmPassword: fresh }];
    },
  },
  // Public by nature: see "public actions" below, which call them with a real form.
  createFirstAdminAction: { allowed: "public", args: () => [] },
  acceptInviteAction: { allowed: "public", args: () => [] },
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const x of m[1].matchAll(/as\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(x[1]);
  return [...methods];
}

const appDir = path.resolve(__dirname, "../../app");
const declared = routeFiles(appDir).flatMap((file) => {
  const route = "/" + path.relative(appDir, path.dirname(file)).split(path.sep).filter((p) => !p.startsWith("(")).join("/");
  return exportedMethods(readFileSync(file, "utf8")).map((m) => `${m} ${route}`);
});

/** Opens a streaming GET, reads the status (and the error body, if any), then hangs up. */
async function openStream(client: ApiClient, p: string) {
  const controller = new AbortController();
  const res = await fetch(server.url + p, { headers: client.cookieHeader ? { cookie: client.cookieHeader } : {}, signal: controller.signal });
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  controller.abort();
  return { status: res.status, body };
}

let server: TestServer;
let pageServer: Awaited<ReturnType<typeof startPageServer>>;
let ctx: Ctx;
/** Cells that ran to their assertion; checked against the matrix's size at the end. */
let cellsRun = 0;
let actions: Map<string, string>;
let adminToken: string;

beforeAll(async () => {
  const users = await seedUsers();
  const article = await demoArticle();
  pageServer = await startPageServer(new Map([["/page", { body: "<article><p>New text of the page, changed after import.</p></article>" }]]));
  await testDb().setting.create({ data: { key: "security.importAllowedHosts", value: JSON.stringify([`127.0.0.1:${pageServer.port}`]) } });
  server = await startServer();
  const api = {} as Ctx["api"];
  for (const who of ["viewer", "checker", "checker2", "editor", "admin"] as const) {
    const c = new ApiClient(server.url);
    expect((await c.signIn(`${who}@example.com`, PASSWORD)).status).toBe(200);
    (api as Record<string, ApiClient>)[who] = c;
  }
  ctx = { articleId: article.id, body: article.body, users, api };
  actions = serverActions();
  const t = await api.admin.post("/api/v1/tokens", { name: "matrix bearer" });
  expect(t.status).toBe(201);
  adminToken = t.body.token;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await pageServer?.close();
  await testDb().$disconnect();
});

describe("every route handler is in the matrix", () => {
  it("has no route the matrix does not know", () => {
    const known = new Set([...Object.keys(ROUTES), ...Object.keys(PUBLIC_ROUTES)]);
    const unknown = declared.filter((r) => !known.has(r) && !r.endsWith(CATCH_ALL));
    expect(unknown).toEqual([]);
  });
  it("has no stale matrix entries", () => {
    expect(Object.keys(ROUTES).filter((r) => !declared.includes(r))).toEqual([]);
  });
});

describe.each(Object.entries(ROUTES))("%s", (_key, rule) => {
  it.each(ROLES)("as %s", async (who) => {
    const client = who === "anonymous" ? new ApiClient(server.url) : ctx.api[who];
    const req = await rule.request(ctx, who);
    const r = req.stream ? await openStream(client, req.path) : await client.request(req.method, req.path, req.body);
    if (who === "anonymous") {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("unauthorized");
    } else if (rule.allowed.includes(who)) {
      expect(r.status).toBeGreaterThanOrEqual(200);
      expect(r.status).toBeLessThan(300);
    } else {
      expect(r.status).toBe(rule.denied ?? 403);
      expect(r.body.error.code).toBe(rule.denied === 404 ? "not_found" : "forbidden");
    }
    cellsRun++;
  });
});

describe("the API catch-all", () => {
  it.each(["GET", "POST", "PATCH", "PUT", "DELETE"])("answers %s on an unknown path with 404 in the error shape", async (method) => {
    const r = await ctx.api.admin.request(method, "/api/v1/nothing/here", method === "GET" ? undefined : {});
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
  });
});

describe("every server action is in the matrix", () => {
  it("has no action the matrix does not know, and no stale entries", () => {
    expect([...actions.keys()].filter((a) => !(a in ACTIONS))).toEqual([]);
    expect(Object.keys(ACTIONS).filter((a) => !actions.has(a))).toEqual([]);
  });
});

describe.each(Object.entries(ACTIONS).filter(([, rule]) => rule.allowed !== "public"))("action %s", (name, rule) => {
  it.each(ROLES)("as %s", async (who) => {
    const args = await rule.args(ctx, who);
    const id = actions.get(name)!;
    if (who === "anonymous") {
      // An expired or forged session cookie is the same as none.
      // The refusal itself, not merely "not ok": an expired or forged cookie, none at all, and an
      // API token (server actions take cookie sessions only) are all "unauthorized".
      const refusal = { ok: false, error: { code: "unauthorized" } };
      expect((await callAction(server.url, id, args, "claims.session_token=forged")).result).toMatchObject(refusal);
      expect((await callAction(server.url, id, args)).result).toMatchObject(refusal);
      expect((await callAction(server.url, id, args, undefined, "/sign-in", { authorization: `Bearer ${adminToken}` })).result).toMatchObject(refusal);
      cellsRun++;
      return;
    }
    const r = await callAction(server.url, id, args, ctx.api[who].cookieHeader);
    if ((rule.allowed as Who[]).includes(who)) expect(r.result).toMatchObject({ ok: true });
    else expect(r.result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(forbidden|not_found)$/) } });
    cellsRun++;
  });
});

describe("public actions, called with a real form", () => {
  it("the first-run action answers with its refusal once users exist, and makes no admin", async () => {
    const r = await callFormAction(server.url, actions.get("createFirstAdminAction")!, {}, { name: "Mallory", email: "mallory@example.com", password: "a long enough evil passphrase" });
    expect(r.status).toBe(200);
    expect(r.result).toMatchObject({ message: "This newsroom already has an admin. Sign in instead." });
    expect(await testDb().user.findUnique({ where: { email: "mallory@example.com" } })).toBeNull();
    cellsRun++;
  });
  it("the invitation action refuses a made-up token with its own message", async () => {
    const r = await callFormAction(server.url, actions.get("acceptInviteAction")!, {}, { token: "made-up-token", password: PASSWORD, confirm: PASSWORD });
    expect(r.result).toMatchObject({ message: expect.stringMatching(/expired or was already used/) });
    expect(await testDb().invite.count({ where: { usedAt: { not: null } } })).toBe(0);
    cellsRun++;
  });
  it("the invitation action accepts a real invitation from the same kind of call (the form is read)", async () => {
    const made = await callAction(server.url, actions.get("createInviteAction")!, [{ email: "formcheck@example.com", name: "Form Check", role: "viewer" }], ctx.api.admin.cookieHeader);
    const token = String(made.result.data.link).split("/invite/")[1];
    await callFormAction(server.url, actions.get("acceptInviteAction")!, {}, { token, password: PASSWORD, confirm: PASSWORD });
    expect(await testDb().user.findUnique({ where: { email: "formcheck@example.com" }, select: { role: true } })).toEqual({ role: "viewer" });
    cellsRun++;
  });
});

describe("the matrix ran every cell", () => {
  it("counts them", () => {
    const routeCells = Object.keys(ROUTES).length * ROLES.length;
    const actionCells = Object.values(ACTIONS).filter((a) => a.allowed !== "public").length * ROLES.length;
    expect(cellsRun).toBe(routeCells + actionCells + 3);
  });
});

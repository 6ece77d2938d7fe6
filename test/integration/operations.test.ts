/**
 * What a load balancer and an operator rely on: the health and readiness probes, one JSON log
 * line per request (without secrets), and a graceful shutdown that finishes requests in flight.
 */
import http from "node:http";
import { startServer, type TestServer } from "../support/server";
import { ApiClient } from "../support/api-client";
import { openSse } from "../support/sse";
import { seedUsers, demoArticle, testDb, PASSWORD } from "../support/fixtures";

// A first request may compile routes on a busy machine: no per-test time limit beyond a minute.
jest.setTimeout(60_000);

let server: TestServer;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  users = await seedUsers();
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

function logLines(output: string): Record<string, any>[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
}

describe("probes", () => {
  it("answers /api/health while alive and /api/ready when the database is reachable and current", async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: "ok", pendingMigrations: 0 });
  });

  it("is not ready while a migration of this release is not applied", async () => {
    const [latest] = await testDb().$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await testDb().$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${latest.name}`;
    const other = await startServer();
    try {
      const ready = await fetch(`${other.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "not_ready", database: "ok", pendingMigrations: 1 });
      expect((await fetch(`${other.url}/api/health`)).status).toBe(200);
    } finally {
      await other.stop();
    }
  }, 60_000);
});

describe("request log", () => {
  it("writes one JSON line per request with its id, user, route, status and duration, and no secrets", async () => {
    const c = new ApiClient(server.url);
    expect((await c.signIn(users.checker.email, PASSWORD)).status).toBe(200);
    const me = await fetch(`${server.url}/api/v1/me?secret=query-text`, { headers: { cookie: c.cookieHeader } });
    expect(me.status).toBe(200);
    const requestId = me.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    let line: Record<string, any> | undefined;
    for (let i = 0; i < 50 && !line; i++) {
      line = logLines(server.output()).find((l) => l.reqId === requestId);
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toMatchObject({ reqId: requestId, userId: users.checker.id, method: "GET", route: "/api/v1/me", status: 200 });
    expect(typeof line!.ms).toBe("number");
    const signIn = logLines(server.output()).find((l) => l.route === "/api/auth/sign-in/email");
    expect(signIn).toMatchObject({ method: "POST", status: 200 });
    // Neither the password, the session cookie nor the query string reaches the log.
    const output = server.output();
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(c.cookieHeader.split("=")[1].slice(0, 20));
    expect(output).not.toContain("query-text");
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight, then exits", async () => {
    const other = await startServer();
    const c = new ApiClient(other.url);
    expect((await c.signIn(users.editor.email, PASSWORD)).status).toBe(200);
    const body = Buffer.from(JSON.stringify({ title: "Sent across a shutdown", body: "Text. ".repeat(2000) }));
    const url = new URL(`${other.url}/api/v1/articles`);
    // The request is half sent when the server is told to stop; the rest follows.
    const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { cookie: c.cookieHeader, origin: other.url, "content-type": "application/json", "content-length": body.length } },
        (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.write(body.subarray(0, 1000));
      setTimeout(() => {
        process.kill(other.pid, "SIGTERM");
        setTimeout(() => req.end(body.subarray(1000)), 300);
      }, 300);
    });
    const { status } = await reply;
    expect(status).toBe(201);
    await other.stop();
    expect(await testDb().article.count({ where: { title: "Sent across a shutdown" } })).toBe(1);
    expect(logLines(other.output()).some((l) => l.msg === "stopped")).toBe(true);
    await expect(fetch(`${other.url}/api/health`)).rejects.toThrow();
  }, 60_000);

  it("ends open event streams, forgets who had articles open there, and exits", async () => {
    const other = await startServer();
    const c = new ApiClient(other.url);
    expect((await c.signIn(users.viewer.email, PASSWORD)).status).toBe(200);
    const { id } = await demoArticle();
    const stream = openSse(`${other.url}/api/v1/articles/${id}/events`, { cookie: c.cookieHeader });
    expect((await stream.ready).status).toBe(200);
    const presence = await stream.waitFor((e) => e.event === "presence");
    expect(presence.data.people.map((p: { name: string }) => p.name)).toEqual(["viewer"]);
    expect(await testDb().articlePresence.count({ where: { articleId: id } })).toBe(1);
    const exited = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        try {
          process.kill(other.pid, 0);
        } catch {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    process.kill(other.pid, "SIGTERM");
    // The stream ends (the client would reconnect to another process), and the process exits by itself.
    await stream.ended;
    await exited;
    expect(logLines(other.output()).some((l) => l.msg === "stopped")).toBe(true);
    expect(logLines(other.output()).some((l) => /shutdown timeout/.test(l.msg ?? ""))).toBe(false);
    // Nobody is shown as reading the article through a process that is gone.
    expect(await testDb().articlePresence.count({ where: { articleId: id } })).toBe(0);
    await other.stop();
  }, 60_000);
});

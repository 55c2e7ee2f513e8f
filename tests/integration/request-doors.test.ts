/**
 * Small doors of the REST API: bodies only as JSON (a cross-site form cannot create a session),
 * no `.` or `..` article ids anywhere, an altered top cursor answers 400 on both stores, and
 * subscription writes are rate-limited.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request, type ClientSocket } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);

/** A request sent exactly as written: Node's client keeps dot segments that fetch would collapse. */
function raw(
  port: number,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: { error?: { code: string; details?: unknown[] } } }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { "content-type": "application/json" };
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "{}") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("request doors", () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_SUBSCRIPTIONS: "5" } });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  it("refuses a session from a form or as text/plain with 415 unsupported_media_type", async () => {
    const bodies: [string, string][] = [
      ["application/x-www-form-urlencoded", "name=Mallory"],
      [
        "multipart/form-data; boundary=x",
        '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nMallory\r\n--x--',
      ],
      ["text/plain", '{"name":"Mallory"}'],
      ["application/jsonp", '{"name":"Mallory"}'],
    ];
    for (const [type, body] of bodies) {
      const res = await fetch(`${server.url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "unsupported_media_type",
      );
    }
    // A JSON body without its type is refused too; with it (and a charset) it is fine.
    const untyped = await api(server.url, "POST", "/api/sessions", {
      rawBody: '{"name":"Mallory"}',
      headers: { "content-type": "" },
    });
    expect([untyped.status, untyped.json.error.code]).toEqual([415, "unsupported_media_type"]);
    const ok = await api(server.url, "POST", "/api/sessions", {
      body: { name: "Alice" },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(ok.status).toBe(201);
    // Bodiless writes need no type: removing one's own comment still works.
    const g = await guest(server.url);
    const posted = await api(server.url, "POST", "/api/articles/doors-1/comments", {
      token: g.token,
      body: { body: "to remove" },
    });
    const removed = await fetch(`${server.url}/api/comments/${posted.json.comment.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${g.token}` },
    });
    expect(removed.status).toBe(200);
    const form = await fetch(`${server.url}/api/articles/doors-1/comments`, {
      method: "POST",
      headers: { authorization: `Bearer ${g.token}`, "content-type": "text/plain" },
      body: JSON.stringify({ body: "sneaky" }),
    });
    expect(form.status).toBe(415);
  });

  it("answers 400 for the article ids . and .. on every route and socket event", async () => {
    const g = await guest(server.url);
    const routes: [string, string, string?][] = [
      ["GET", "/comments"],
      ["GET", "/comments?sort=top"],
      ["GET", "/changes?after=0"],
      ["POST", "/comments", '{"body":"dots"}'],
      ["GET", "/subscription"],
      ["PUT", "/subscription", '{"notify":"all"}'],
    ];
    for (const dots of [".", "..", "%2E", "%2e%2E", ".%2e"]) {
      for (const [method, tail, body] of routes) {
        const res = await raw(server.port, method, `/api/articles/${dots}${tail}`, body);
        expect([res.status, res.json.error?.code], `${method} ${dots}${tail}`).toEqual([
          400,
          "invalid_input",
        ]);
      }
      const mod = await raw(server.port, "GET", `/api/moderation/articles/${dots}`);
      expect(mod.status, `moderation ${dots}`).toBe(400);
    }
    // Ids that merely contain dots are ordinary ids.
    const fine = await raw(server.port, "GET", "/api/articles/.../comments");
    expect(fine.status).toBe(200);
    const socket = await connect(server.url, g.token);
    sockets.push(socket);
    for (const articleId of [".", ".."]) {
      const joined = await request(socket, "article:join", { articleId });
      expect(joined).toMatchObject({ ok: false, error: { code: "invalid_input" } });
      const posted = await request(socket, "comment:post", { articleId, body: "dots" });
      expect(posted).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    }
  });

  it("rate-limits subscription writes per user with 429 and Retry-After", async () => {
    const g = await guest(server.url);
    const put = (notify: string) =>
      api(server.url, "PUT", "/api/articles/doors-sub/subscription", {
        token: g.token,
        body: { notify },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await put(i % 2 ? "all" : "none")).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await put("all");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Reading the choice is not a write: it stays free; another user is unaffected.
    expect(
      (await api(server.url, "GET", "/api/articles/doors-sub/subscription", { token: g.token }))
        .status,
    ).toBe(200);
    const other = await guest(server.url);
    const theirs = await api(server.url, "PUT", "/api/articles/doors-sub/subscription", {
      token: other.token,
      body: { notify: "all" },
    });
    expect(theirs.status).toBe(200);
  });
});

describe.each([
  { kind: "sqlite", skip: false },
  { kind: "postgres", skip: !pgReady },
])("an altered top cursor ($kind)", ({ kind, skip }) => {
  let db: TestDatabase | undefined;
  let server: TestServer;
  beforeAll(async () => {
    if (skip) return;
    db = kind === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer(db ? { databaseUrl: db.url } : {});
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it.skipIf(skip)("answers 400 invalid_input, never 500", async () => {
    const g = await guest(server.url);
    for (let i = 0; i < 3; i++) {
      await api(server.url, "POST", "/api/articles/cursor-1/comments", {
        token: g.token,
        body: { body: `comment ${i}` },
      });
    }
    const first = await api(server.url, "GET", "/api/articles/cursor-1/comments?sort=top&limit=1");
    const cursor = JSON.parse(Buffer.from(first.json.nextCursor, "base64url").toString("utf8"));
    const altered = [
      { ...cursor, sc: 2 ** 40 },
      { ...cursor, sc: -(2 ** 31) - 1 },
      { ...cursor, q: 2 ** 60 },
      { ...cursor, sc: 1.5 },
      { ...cursor, sc: "1" },
    ];
    for (const value of altered) {
      const text = Buffer.from(JSON.stringify(value)).toString("base64url");
      const res = await api(
        server.url,
        "GET",
        `/api/articles/cursor-1/comments?sort=top&limit=1&cursor=${text}`,
      );
      expect([res.status, res.json.error?.code], JSON.stringify(value)).toEqual([
        400,
        "invalid_input",
      ]);
    }
    // The genuine cursor still pages on.
    const next = await api(
      server.url,
      "GET",
      `/api/articles/cursor-1/comments?sort=top&limit=1&cursor=${first.json.nextCursor}`,
    );
    expect(next.status).toBe(200);
  });
});

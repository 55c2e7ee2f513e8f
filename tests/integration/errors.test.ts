/** Every error code of the contract, reached through the real server, with its exact shape. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("error codes over HTTP", () => {
  const now = { t: Date.parse("2026-11-28T12:00:00.000Z") };
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      clock: { now: () => new Date(now.t) },
      env: { EDIT_WINDOW_SECONDS: "900" },
    });
  });
  afterAll(() => server.stop());

  it("400 invalid_input with field issues", async () => {
    const g = await guest(server.url);
    const cases = [
      { body: { body: "   " }, path: "body" },
      { body: { body: "x".repeat(5001) }, path: "body" },
      { body: { body: 42 }, path: "body" },
      { body: { body: "ok", clientKey: "short" }, path: "clientKey" },
      { body: { body: "ok", parentId: 7 }, path: "parentId" },
      { body: [], path: "(body)" },
    ];
    for (const c of cases) {
      const res = await api(server.url, "POST", "/api/articles/e-1/comments", {
        token: g.token,
        body: c.body,
      });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("invalid_input");
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(c.path);
    }
    const badJson = await api(server.url, "POST", "/api/sessions", { rawBody: "{nope" });
    expect(badJson.json.error.code).toBe("invalid_input");
    const badName = await api(server.url, "POST", "/api/sessions", { body: { name: "a\u0007b" } });
    expect(badName.json.error.details[0].path).toBe("name");
    const badArticle = await api(server.url, "GET", "/api/articles/has%20space/comments");
    expect(badArticle.json.error).toMatchObject({
      code: "invalid_input",
      details: [{ path: "articleId" }],
    });
    const badQuery = await api(server.url, "GET", "/api/articles/e-1/comments?sort=best&limit=500");
    expect(badQuery.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "limit",
      "sort",
    ]);
    const badCursor = await api(server.url, "GET", "/api/articles/e-1/comments?cursor=garbage");
    expect(badCursor.json.error.details[0].path).toBe("cursor");
  });

  it("401 unauthorized for missing, malformed and forged tokens", async () => {
    const g = await guest(server.url);
    const forged = g.token.slice(0, -4) + (g.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const authorization of [
      undefined,
      "Bearer nonsense",
      `Bearer ${forged}`,
      "Basic abc",
      `Bearer ${g.token} extra`,
    ]) {
      const res = await api(server.url, "POST", "/api/articles/e-2/comments", {
        body: { body: "hi" },
        ...(authorization ? { headers: { authorization } } : {}),
      });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
    }
  });

  it("403 forbidden, 404 not_found, 409 conflict", async () => {
    const author = await guest(server.url, "Author");
    const stranger = await guest(server.url, "Stranger");
    const { comment } = (
      await api(server.url, "POST", "/api/articles/e-3/comments", {
        token: author.token,
        body: { body: "mine" },
      })
    ).json;
    const patch = (token: string, id = comment.id as string) =>
      api(server.url, "PATCH", `/api/comments/${id}`, { token, body: { body: "changed" } });
    expect((await patch(stranger.token)).json.error.code).toBe("forbidden");
    expect(
      (await api(server.url, "DELETE", `/api/comments/${comment.id}`, { token: stranger.token }))
        .status,
    ).toBe(403);
    expect((await patch(author.token, "no-such-comment")).status).toBe(404);
    const orphan = await api(server.url, "POST", "/api/articles/e-3/comments", {
      token: author.token,
      body: { body: "x", parentId: "missing" },
    });
    expect(orphan.json.error.code).toBe("not_found");
    const elsewhere = await api(server.url, "POST", "/api/articles/e-4/comments", {
      token: author.token,
      body: { body: "x", parentId: comment.id },
    });
    expect(elsewhere.status).toBe(404);

    now.t += 899_000;
    expect((await patch(author.token)).status).toBe(200);
    now.t += 2_000;
    const late = await patch(author.token);
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("conflict");
  });

  it("413 payload_too_large above 64 KiB", async () => {
    const res = await api(server.url, "POST", "/api/sessions", {
      rawBody: JSON.stringify({ name: "x".repeat(70_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
  });

  it("404 for unknown paths, with the error shape", async () => {
    const res = await api(server.url, "GET", "/api/nothing");
    expect(res).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
  });
});

describe("rate limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        RATE_LIMIT_COMMENTS: "2",
        RATE_LIMIT_COMMENTS_PER_IP: "5",
        RATE_LIMIT_SESSIONS_PER_IP: "8",
      },
    });
  });
  afterAll(() => server.stop());
  const post = (token: string, body = "hi") =>
    api(server.url, "POST", "/api/articles/rl/comments", { token, body: { body } });

  it("429 rate_limited with Retry-After, per user, then per IP, then per session creation", async () => {
    const a = await guest(server.url, "A");
    expect((await post(a.token)).status).toBe(201);
    expect((await post(a.token)).status).toBe(201);
    const limited = await post(a.token);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user is unaffected by A's limit...
    const b = await guest(server.url, "B");
    expect((await post(b.token)).status).toBe(201);
    expect((await post(b.token)).status).toBe(201);
    // ...but the address's limit of 5 catches a third user on its second post.
    const c = await guest(server.url, "C");
    expect((await post(c.token)).status).toBe(201);
    expect((await post(c.token)).status).toBe(429);
    // The socket door answers the same code.
    const s = await connect(server.url, c.token);
    const ack = await request(s, "comment:post", { articleId: "rl", body: "x" });
    s.close();
    expect(ack.error).toMatchObject({ code: "rate_limited" });
    // Sessions: 3 used above; 5 more succeed, the 9th is refused.
    for (let i = 0; i < 5; i++)
      expect((await api(server.url, "POST", "/api/sessions", { body: { name: "n" } })).status).toBe(
        201,
      );
    const tooMany = await api(server.url, "POST", "/api/sessions", { body: { name: "n" } });
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("500 and 503", () => {
  let server: TestServer;
  let failing = false;
  beforeAll(async () => {
    server = await startTestServer();
    // A store whose reads fail on demand stands in for a broken disk: the one fault we cannot
    // cause in a real SQLite file from a test.
    const store = server.store;
    const getArticle = store.getArticle.bind(store);
    store.getArticle = (id) =>
      id === "explode" ? Promise.reject(new Error("disk on fire at /secret/path")) : getArticle(id);
    const ping = store.ping.bind(store);
    store.ping = () => (failing ? Promise.reject(new Error("down")) : ping());
  });
  afterAll(() => server.stop());

  it("500 internal without a stack trace or the cause", async () => {
    const res = await api(server.url, "GET", "/api/articles/explode/comments");
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: "internal", message: expect.any(String) } });
    expect(JSON.stringify(res.json)).not.toMatch(/secret|disk|at /);
    const s = await connect(server.url);
    const ack = await request(s, "article:join", { articleId: "explode", after: 0 });
    s.close();
    expect(ack).toEqual({ ok: false, error: { code: "internal", message: expect.any(String) } });
  });

  it("503 from /readyz while the store does not answer", async () => {
    expect((await api(server.url, "GET", "/readyz")).status).toBe(200);
    failing = true;
    const res = await api(server.url, "GET", "/readyz");
    failing = false;
    expect(res.status).toBe(503);
    expect(res.json.checks).toEqual({ store: "down" });
    expect((await api(server.url, "GET", "/healthz")).json).toEqual({ status: "ok" });
  });
});

describe("socket errors", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("a bad handshake token gets connect_error unauthorized", async () => {
    for (const token of ["garbage", "a.b.c"]) {
      await expect(connect(server.url, token)).rejects.toThrow("unauthorized");
    }
  });

  it("malformed payloads get invalid_input and the connection stays up", async () => {
    const g = await guest(server.url);
    const s = await connect(server.url, g.token);
    const bad: [string, unknown][] = [
      ["comment:post", "just a string"],
      ["comment:post", null],
      ["comment:post", { articleId: "ok", body: "" }],
      ["comment:post", { articleId: "bad id!", body: "x" }],
      ["comment:post", { articleId: "ok", body: { nested: true } }],
      ["article:join", { articleId: "ok", after: -1 }],
      ["article:join", { articleId: "ok", after: "5" }],
      ["article:join", 12],
      ["article:leave", {}],
    ];
    for (const [event, payload] of bad) {
      const ack = await request(s, event as "comment:post", payload);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: "invalid_input" },
      });
    }
    // Unknown events and events without an ack are ignored, and the socket still works.
    const raw = s as unknown as { emit(e: string, p: unknown): void };
    raw.emit("no:such:event", {});
    raw.emit("comment:post", {
      articleId: "x",
      body: "",
    });
    const ok = await request(s, "comment:post", { articleId: "sock-ok", body: "still here" });
    expect(ok.ok).toBe(true);
    expect(s.connected).toBe(true);
    s.close();
  });
});

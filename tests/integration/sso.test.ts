/**
 * Host single sign-on, every token case, on HTTP and on the Socket.IO handshake; the example
 * signing script run as a host would run it; guests turned off.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config/load-config.js";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";

const root = new URL("../../", import.meta.url).pathname;
const now = new Date("2026-11-28T12:00:00.000Z");
const key = new TextEncoder().encode(SSO_TEST_SECRET);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs arbitrary claims with the host secret (or another key), HS256 unless told. */
function sign(claims: Record<string, unknown>, options: { alg?: string; secret?: string } = {}) {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(options.secret ? new TextEncoder().encode(options.secret) : key);
}

/** Every token that must be refused, by what is wrong with it. */
async function badTokens(): Promise<[string, string][]> {
  const iat = Math.floor(now.getTime() / 1000);
  const valid = await ssoToken({ sub: "u-bad" }, now);
  const [header, payload] = valid.split(".");
  return [
    [
      "expired",
      await new SignJWT({ name: "Old" })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("u-old")
        .setIssuedAt(iat - 7200)
        .setExpirationTime(iat - 60)
        .sign(key),
    ],
    [
      "not yet valid",
      await new SignJWT({ name: "Early" })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("u-early")
        .setNotBefore(iat + 3600)
        .sign(key),
    ],
    ["wrong signature", await sign({ sub: "u1", name: "Mallory" }, { secret: "x".repeat(40) })],
    [
      "tampered payload",
      `${header}.${b64({ sub: "admin", name: "Eve", role: "moderator" })}.${valid.split(".")[2]}`,
    ],
    ["alg none", `${b64({ alg: "none", typ: "JWT" })}.${payload}.`],
    ["alg none with signature", `${b64({ alg: "none" })}.${payload}.${valid.split(".")[2]}`],
    ["alg HS512", await sign({ sub: "u1", name: "Ada" }, { alg: "HS512" })],
    ["malformed: one part", "abc"],
    ["malformed: three junk parts", "a.b.c"],
    ["malformed: not base64", "!!!.???.***"],
    ["malformed: JSON header array", `${b64([1])}.${payload}.x`],
    ["huge", "a".repeat(9000)],
    ["missing sub", await sign({ name: "No Sub" })],
    ["missing name", await sign({ sub: "u2" })],
    ["empty name", await sign({ sub: "u2", name: "   " })],
    ["name too long", await sign({ sub: "u2", name: "n".repeat(51) })],
    ["role guest", await sign({ sub: "u2", name: "G", role: "guest" })],
    ["role admin", await sign({ sub: "u2", name: "A", role: "admin" })],
    ["avatar javascript:", await sign({ sub: "u2", name: "A", avatarUrl: "javascript:alert(1)" })],
    ["email not an email", await sign({ sub: "u2", name: "A", email: "nope" })],
    ["sub not a string", await sign({ sub: 42, name: "A" })],
    ["control character in name", await sign({ sub: "u3", name: "A\u0000B" })],
    ["control character in sub", await sign({ sub: "u\u00003", name: "A" })],
    [
      "no exp",
      await new SignJWT({ sub: "u4", name: "Forever" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt(iat)
        .sign(key),
    ],
    [
      "no iat",
      await new SignJWT({ sub: "u4", name: "Undated" })
        .setProtectedHeader({ alg: "HS256" })
        .setExpirationTime(iat + 600)
        .sign(key),
    ],
    [
      "iat older than SSO_MAX_AGE_SECONDS (default a day), exp still ahead",
      await new SignJWT({ sub: "u4", name: "Stale" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt(iat - 24 * 3600 - 60)
        .setExpirationTime(iat + 600)
        .sign(key),
    ],
    [
      "iat an hour in the future",
      await new SignJWT({ sub: "u4", name: "Early" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt(iat + 3600)
        .setExpirationTime(iat + 7200)
        .sign(key),
    ],
  ];
}

describe("single sign-on", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET },
      clock: { now: () => now },
    });
  });
  afterAll(() => server.stop());

  const post = (token: string, body = "hello") =>
    api(server.url, "POST", "/api/articles/sso-1/comments", { token, body: { body } });

  it("accepts a member's token on HTTP and on the socket handshake", async () => {
    // An e-mail address as sub, as many hosts use: it must never be published.
    const sub = "ada.lovelace@example.com";
    const token = await ssoToken(
      {
        sub,
        name: "Ada Lovelace",
        email: "ada@example.com",
        avatarUrl: "https://example.com/ada.png",
      },
      now,
    );
    const res = await post(token);
    expect(res.status).toBe(201);
    const user = (await server.store.getExternalUser(sub))!;
    expect(user).toMatchObject({ role: "member", name: "Ada Lovelace" });
    expect(res.json.comment.author).toEqual({
      id: user.id,
      name: "Ada Lovelace",
      handle: user.handle,
      avatarUrl: "https://example.com/ada.png",
      role: "member",
    });
    expect(JSON.stringify(res.json.comment)).not.toContain(sub);
    expect((await api(server.url, "GET", "/api/moderation/queue", { token })).status).toBe(403);
    const s = await connect(server.url, token);
    const ack = await request(s, "comment:post", { articleId: "sso-1", body: "by socket" });
    expect(ack).toMatchObject({ ok: true, comment: { author: { id: user.id } } });
    const page = await api(server.url, "GET", "/api/articles/sso-1/comments?limit=100");
    expect(JSON.stringify(page.json)).not.toContain(sub);
    s.close();
  });

  it("accepts a moderator's token, and the host's role wins on each sign-in", async () => {
    const mod = await ssoToken({ sub: "7", name: "Mo", role: "moderator" }, now);
    expect((await api(server.url, "GET", "/api/moderation/queue", { token: mod })).status).toBe(
      200,
    );
    const s = await connect(server.url, mod);
    expect(s.connected).toBe(true);
    s.close();
    const demoted = await ssoToken({ sub: "7", name: "Mo", role: "member" }, now);
    expect((await api(server.url, "GET", "/api/moderation/queue", { token: demoted })).status).toBe(
      403,
    );
  });

  it("refuses every bad token with 401 unauthorized and connect_error unauthorized", async () => {
    for (const [what, token] of await badTokens()) {
      const res = await post(token);
      expect(res.status, what).toBe(401);
      expect(res.json.error.code, what).toBe("unauthorized");
      await expect(connect(server.url, token), what).rejects.toThrow("unauthorized");
    }
    // None of them created a user or a comment.
    const page = await api(server.url, "GET", "/api/articles/sso-1/comments?limit=100");
    const authors = page.json.threads.map(
      (t: { comment: { author: { id: string } } }) => t.comment.author.id,
    );
    const ada = await server.store.getExternalUser("ada.lovelace@example.com");
    expect(new Set(authors)).toEqual(new Set([ada!.id]));
    expect(await server.store.getExternalUser("admin")).toBeNull();
  });

  it("works with a token printed by scripts/sign-sso-token.ts", async () => {
    const live = await startTestServer({ env: { SSO_SECRET: SSO_TEST_SECRET } });
    try {
      const { stdout } = await promisify(execFile)(
        join(root, "node_modules/.bin/tsx"),
        [
          "scripts/sign-sso-token.ts",
          "--sub",
          "host-99",
          "--name",
          "Grace Hopper",
          "--role",
          "moderator",
        ],
        { cwd: root, env: { ...process.env, SSO_SECRET: SSO_TEST_SECRET } },
      );
      const token = stdout.trim();
      expect(token.split(".")).toHaveLength(3);
      const res = await api(live.url, "GET", "/api/moderation/queue", { token });
      expect(res.status).toBe(200);
      const s = await connect(live.url, token);
      s.close();
    } finally {
      await live.stop();
    }
  });
});

describe("single sign-on turned off", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("refuses host tokens when SSO_SECRET is unset", async () => {
    const token = await ssoToken({ sub: "42", name: "Ada" });
    const res = await api(server.url, "POST", "/api/articles/sso-off/comments", {
      token,
      body: { body: "x" },
    });
    expect(res.status).toBe(401);
    await expect(connect(server.url, token)).rejects.toThrow("unauthorized");
  });
});

describe("guests turned off", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-guests-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("answers 403 to POST /api/sessions and refuses guest tokens made before", async () => {
    const databaseUrl = `sqlite:${join(dir, "parley.db")}`;
    const open = await startTestServer({ databaseUrl });
    const g = await guest(open.url, "Before");
    await open.stop();

    const closed = await startTestServer({
      databaseUrl,
      env: { GUESTS_ALLOWED: "false", SSO_SECRET: SSO_TEST_SECRET },
    });
    try {
      const session = await api(closed.url, "POST", "/api/sessions", { body: { name: "New" } });
      expect(session.status).toBe(403);
      expect(session.json.error.code).toBe("forbidden");
      const post = await api(closed.url, "POST", "/api/articles/g/comments", {
        token: g.token,
        body: { body: "as a guest" },
      });
      expect(post.status).toBe(401);
      await expect(connect(closed.url, g.token)).rejects.toThrow("unauthorized");
      // Signed-in members still comment.
      const member = await ssoToken({ sub: "m1", name: "Member" });
      const ok = await api(closed.url, "POST", "/api/articles/g/comments", {
        token: member,
        body: { body: "as a member" },
      });
      expect(ok.status).toBe(201);
    } finally {
      await closed.stop();
    }
  });
});

describe("single sign-on configuration", () => {
  it("refuses an SSO_SECRET equal to TOKEN_SECRET, naming the variable", () => {
    const secret = "same-secret-same-secret-same-secret-0123";
    expect(() => loadConfig({ SSO_SECRET: secret, TOKEN_SECRET: secret })).toThrow(
      /SSO_SECRET must differ from TOKEN_SECRET/,
    );
    expect(loadConfig({ SSO_SECRET: SSO_TEST_SECRET }).ssoSecret).toBe(SSO_TEST_SECRET);
  });
});

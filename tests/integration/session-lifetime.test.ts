/**
 * A socket's identity lives no longer than its token, and follows the user's newest role: on a
 * pinned clock that the test moves, an open socket drops to anonymous (leaving its user's and the
 * moderators' rooms, told by `session:expired`) when its token ends, whether by `exp` or by
 * SSO_MAX_AGE_SECONDS after `iat`; and a sign-in with a changed role reaches open sockets at once.
 */
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms } from "../../shared/events.js";
import { api, connect, guest, request, type ClientSocket } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { nextEvent, SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";

const start = new Date("2026-11-28T12:00:00.000Z");
const key = new TextEncoder().encode(SSO_TEST_SECRET);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe("identity on open sockets", () => {
  let server: TestServer;
  let now = start;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET, SSO_MAX_AGE_SECONDS: "120" },
      clock: { now: () => now },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  /** How many of this server's sockets are in `room`. */
  const inRoom = (room: string) => server.parley.io.of("/").adapter.rooms.get(room)?.size ?? 0;
  const open = async (token?: string) => {
    const s = await connect(server.url, token);
    sockets.push(s);
    return s;
  };
  /** A host token issued at `iat` and ending at `exp` (both Dates). */
  const hostToken = (claims: Record<string, unknown>, iat: Date, exp: Date) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(seconds(iat))
      .setExpirationTime(seconds(exp))
      .sign(key);

  it("drops a moderator's socket to anonymous when its token's exp passes", async () => {
    now = start;
    const sub = "short-lived-mod";
    const token = await hostToken(
      { sub, name: "Brief", role: "moderator" },
      now,
      new Date(now.getTime() + 60_000),
    );
    const s = await open(token);
    const user = (await server.store.getExternalUser(sub))!;
    expect(inRoom(rooms.moderators)).toBe(1);
    expect(inRoom(rooms.user(user.id))).toBe(1);

    const expired = nextEvent(s, "session:expired");
    now = new Date(start.getTime() + 61_000);
    expect(await expired).toEqual({ reason: "expired", userId: user.id });
    expect(inRoom(rooms.moderators)).toBe(0);
    expect(inRoom(rooms.user(user.id))).toBe(0);
    // Still connected, as a reader: it may read, not write.
    expect(s.connected).toBe(true);
    expect((await request(s, "article:join", { articleId: "life-1" })).ok).toBe(true);
    const post = await request(s, "comment:post", { articleId: "life-1", body: "too late" });
    expect(post).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    // The same token is refused everywhere from now on.
    await expect(connect(server.url, token)).rejects.toThrow("unauthorized");
  });

  it("ends a host identity SSO_MAX_AGE_SECONDS after iat, though exp is later", async () => {
    now = start;
    const iat = new Date(start.getTime() - 100_000);
    const token = await hostToken(
      { sub: "old-iat", name: "Aged" },
      iat,
      new Date(start.getTime() + 3600_000),
    );
    const s = await open(token);
    const expired = nextEvent(s, "session:expired");
    // iat + 120 s is 20 s from now.
    now = new Date(start.getTime() + 21_000);
    await expired;
    expect((await request(s, "comment:post", { articleId: "life-1", body: "x" })).ok).toBe(false);
    const res = await api(server.url, "POST", "/api/articles/life-1/comments", {
      token,
      body: { body: "x" },
    });
    expect(res.status).toBe(401);
  });

  it("ends a guest's socket identity when the guest token expires (a year)", async () => {
    now = start;
    const g = await guest(server.url, "Yearling");
    const s = await open(g.token);
    expect((await request(s, "comment:post", { articleId: "life-2", body: "hi" })).ok).toBe(true);
    const expired = nextEvent(s, "session:expired");
    now = new Date(start.getTime() + 366 * 24 * 3600_000);
    expect(await expired).toMatchObject({ reason: "expired", userId: g.user.id });
    expect(inRoom(rooms.user(g.user.id))).toBe(0);
  });

  it("tells open sockets their identity on connect, and a demotion at once", async () => {
    now = start;
    const sub = "mod-demoted";
    const promoted = await ssoToken({ sub, name: "Mo", role: "moderator" }, now);
    const pending = connect(server.url, promoted);
    const s = await pending;
    sockets.push(s);
    const user = (await server.store.getExternalUser(sub))!;
    expect(inRoom(rooms.moderators)).toBeGreaterThan(0);
    const articleId = "life-pre";
    expect(
      (
        await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
          token: promoted,
          body: { moderation: "pre" },
        })
      ).status,
    ).toBe(200);
    // As a moderator, its posts skip pre-moderation.
    const asMod = await request(s, "comment:post", { articleId, body: "as moderator" });
    expect(asMod).toMatchObject({ ok: true, comment: { status: "published" } });

    // The host signs a newer token without the role; the reader's page uses it once.
    const updated = nextEvent(s, "session:updated", (u) => u.role === "member");
    now = new Date(start.getTime() + 10_000);
    const demoted = await ssoToken({ sub, name: "Mo", role: "member" }, now);
    expect((await api(server.url, "GET", "/api/notifications", { token: demoted })).status).toBe(
      200,
    );
    expect(await updated).toMatchObject({ id: user.id, role: "member" });
    expect(server.parley.io.of("/").adapter.rooms.get(rooms.moderators)?.size ?? 0).toBe(0);
    const asMember = await request(s, "comment:post", { articleId, body: "as member" });
    expect(asMember).toMatchObject({ ok: true, comment: { status: "pending" } });
    // The older token, still held by some other tab, no longer gives the role back.
    const queue = await api(server.url, "GET", "/api/moderation/queue", { token: promoted });
    expect(queue.status).toBe(403);
    const again = await connect(server.url, promoted);
    sockets.push(again);
    expect(inRoom(rooms.moderators)).toBe(0);
  });
});

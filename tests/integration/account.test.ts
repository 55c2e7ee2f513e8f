/**
 * A person's own data end to end on a real server: the download (`GET /api/me/export`), account
 * deletion (`DELETE /api/me`) in both ACCOUNT_DELETION modes, live updates to a reader with the
 * thread open, the old token refused everywhere, and a moderator doing either for someone else.
 * Runs on SQLite (remove) and PostgreSQL (anonymize).
 */
import { afterAll, beforeAll, describe, expect, it as itBase } from "vitest";
import { api, collect, connect, guest, request, waitFor } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { moderatorToken, SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);

describe.each([
  { store: "sqlite", mode: "remove", skip: false },
  { store: "postgres", mode: "anonymize", skip: !pgReady },
] as const)("own data ($store, ACCOUNT_DELETION=$mode)", ({ store, mode, skip }) => {
  let server: TestServer;
  let db: TestDatabase | undefined;
  let mod: string;
  beforeAll(async () => {
    if (skip) return;
    db = store === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET, ACCOUNT_DELETION: mode },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    mod = await moderatorToken();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });
  const it = skip ? itBase.skip : itBase;

  const post = async (token: string, articleId: string, body: string, parentId?: string) => {
    const res = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token,
      body: { body, ...(parentId ? { parentId } : {}) },
    });
    expect(res.status).toBe(201);
    return res.json.comment as { id: string; seq: number };
  };

  it("exports everything of the user's, and of others only what they replied to", async () => {
    const articleId = `export-${store}`;
    const ann = await guest(server.url, "Ann");
    const bob = await guest(server.url, "Bob");
    const root = await post(bob.token, articleId, "Bob starts");
    const mine = await post(ann.token, articleId, "Ann answers", root.id);
    await post(bob.token, articleId, "Bob again, unrelated");
    await post(bob.token, articleId, "Bob replies to Ann", mine.id);
    await api(server.url, "PUT", `/api/articles/${articleId}/subscription`, {
      token: ann.token,
      body: { notify: "none" },
    });
    await api(server.url, "PUT", `/api/comments/${root.id}/vote`, {
      token: ann.token,
      body: { value: 1 },
    });
    const res = await api(server.url, "GET", "/api/me/export", { token: ann.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(res.json).toMatchObject({
      version: 1,
      user: { id: ann.user.id, name: "Ann", email: null },
      comments: [{ id: mine.id, body: "Ann answers" }],
      repliedTo: [{ id: root.id, body: "Bob starts" }],
      subscriptions: [{ articleId, notify: "none" }],
      notifications: [{ type: "reply", articleId }],
    });
    expect(res.json.votes).toEqual([expect.objectContaining({ commentId: root.id, value: 1 })]);
    expect(JSON.stringify(res.json)).not.toContain("Bob again");
    expect(JSON.stringify(res.json)).not.toContain("Bob replies to Ann");
    expect((await api(server.url, "GET", "/api/me/export")).status).toBe(401);
  });

  it("deletes the account: readers see it live, replies stay, the old token is refused", async () => {
    const articleId = `delete-${store}`;
    const ann = await guest(server.url, "Ann");
    const bob = await guest(server.url, "Bob");
    const root = await post(ann.token, articleId, "Ann's words");
    const reply = await post(bob.token, articleId, "Bob's reply", root.id);
    const own = await post(ann.token, articleId, "Ann again", reply.id);
    const reader = await connect(server.url);
    const annSocket = await connect(server.url, ann.token);
    try {
      const joined = await request(reader, "article:join", { articleId });
      const updates = collect(reader, "comment:updated");
      let annDisconnected = false;
      annSocket.on("disconnect", () => (annDisconnected = true));

      const res = await api(server.url, "DELETE", "/api/me", { token: ann.token });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ deleted: true, comments: 2 });

      await waitFor("both of Ann's comments updated live", () => updates.length === 2);
      expect(updates.map((u) => u.id).sort()).toEqual([root.id, own.id].sort());
      for (const u of updates) {
        expect(u.seq).toBeGreaterThan(joined.lastSeq as number);
        expect(u.author.name).toBe("Deleted user");
        if (mode === "remove") expect(u).toMatchObject({ status: "removed", body: "" });
        else expect(u.status).toBe("published");
      }
      // Catch-up sees the same changes.
      const changes = await api(
        server.url,
        "GET",
        `/api/articles/${articleId}/changes?after=${joined.lastSeq as number}`,
      );
      expect(changes.json.changes.map((c: { id: string }) => c.id).sort()).toEqual(
        [root.id, own.id].sort(),
      );
      // Bob's reply keeps its place under the placeholder.
      const page = await api(server.url, "GET", `/api/articles/${articleId}/comments`);
      expect(page.json.threads[0].comment.id).toBe(root.id);
      expect(page.json.threads[0].replies.map((r: { id: string }) => r.id)).toEqual([
        reply.id,
        own.id,
      ]);
      const body = mode === "remove" ? "" : "Ann's words";
      expect(page.json.threads[0].comment.body).toBe(body);

      // The old token: 401 everywhere, its open socket closed, a new handshake refused.
      await waitFor("Ann's open socket disconnected", () => annDisconnected);
      for (const [method, path] of [
        ["GET", "/api/notifications"],
        ["GET", "/api/me/export"],
        ["DELETE", "/api/me"],
      ] as const) {
        const again = await api(server.url, method, path, { token: ann.token });
        expect(again.status, `${method} ${path}`).toBe(401);
      }
      const refused = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
        token: ann.token,
        body: { body: "still here?" },
      });
      expect(refused.status).toBe(401);
      await expect(connect(server.url, ann.token)).rejects.toThrow("unauthorized");
    } finally {
      reader.close();
      annSocket.close();
    }
  });

  it("refuses a post through a socket opened before the deletion", async () => {
    const articleId = `stale-socket-${store}`;
    const ann = await guest(server.url, "Ann");
    const socket = await connect(server.url, ann.token);
    try {
      // Deleted straight in the shared store, as another instance would whose disconnect never
      // arrives (Redis away): no event reaches this socket, so only the write path's check helps.
      const result = await server.store.deleteUser({
        userId: ann.user.id,
        mode,
        name: "Deleted user",
        handle: `deleted_${ann.user.id}`,
        at: new Date().toISOString(),
      });
      expect(result).not.toBeNull();
      expect(socket.connected).toBe(true);
      const answer = await request(socket, "comment:post", { articleId, body: "ghost" });
      expect(answer.error?.code).toBe("unauthorized");
      const page = await api(server.url, "GET", `/api/articles/${articleId}/comments`);
      expect(page.json.threads).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it("lets a moderator export and delete someone; others get 403, anonymous 401", async () => {
    const articleId = `mod-delete-${store}`;
    const ann = await guest(server.url, "Ann");
    const eve = await guest(server.url, "Eve");
    await post(ann.token, articleId, "Ann posts");
    for (const [method, path] of [
      ["GET", `/api/users/${ann.user.id}/export`],
      ["DELETE", `/api/users/${ann.user.id}`],
    ] as const) {
      expect((await api(server.url, method, path, { token: eve.token })).status).toBe(403);
      expect((await api(server.url, method, path)).status).toBe(401);
    }
    const exported = await api(server.url, "GET", `/api/users/${ann.user.id}/export`, {
      token: mod,
    });
    expect(exported.status).toBe(200);
    expect(exported.json.comments).toHaveLength(1);
    const deleted = await api(server.url, "DELETE", `/api/users/${ann.user.id}`, { token: mod });
    expect(deleted.json).toEqual({ deleted: true, comments: 1 });
    expect((await api(server.url, "GET", "/api/me/export", { token: ann.token })).status).toBe(401);
    // Gone is gone: a second deletion and an unknown id are both 404.
    expect(
      (await api(server.url, "DELETE", `/api/users/${ann.user.id}`, { token: mod })).status,
    ).toBe(404);
    expect((await api(server.url, "GET", `/api/users/nobody/export`, { token: mod })).status).toBe(
      404,
    );
    expect(
      (await api(server.url, "DELETE", `/api/users/${"x".repeat(161)}`, { token: mod })).status,
    ).toBe(400);
  });

  it("deletes a host's signed-in user with their sub: signing in again starts a new account", async () => {
    const sub = `member-${store}-${"x".repeat(100)}`;
    const token = await ssoToken({ sub, name: "Host Member" });
    const before = await api(server.url, "GET", "/api/me/export", { token });
    expect(before.status).toBe(200);
    const oldId = (before.json as { user: { id: string } }).user.id;
    expect(oldId).not.toContain(sub);
    const path = `/api/users/${encodeURIComponent(oldId)}`;
    expect((await api(server.url, "DELETE", path, { token: mod })).status).toBe(200);
    // The host's sub went with the account (it is personal data too): the same host token now
    // makes a new, empty account rather than bringing the deleted one back.
    const after = await api(server.url, "GET", "/api/me/export", { token });
    expect(after.status).toBe(200);
    const fresh = after.json as { user: { id: string }; comments: unknown[] };
    expect(fresh.user.id).not.toBe(oldId);
    expect(fresh.comments).toEqual([]);
    expect((await api(server.url, "GET", path, { token: mod })).status).toBe(404);
  });
});

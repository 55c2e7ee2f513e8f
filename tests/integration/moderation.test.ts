/**
 * Moderation end to end on a real server: pre-moderation per article, reports, decisions pushed
 * live to readers and to the moderators' queue, the log, closing an article, and
 * 401/403 on every moderation route. The moderation flows run on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it as itBase } from "vitest";
import { api, collect, connect, guest, request, waitFor } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { moderatorToken, nextEvent, SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);

describe.each([
  { store: "sqlite", skip: false },
  { store: "postgres", skip: !pgReady },
])("moderation ($store)", ({ store, skip }) => {
  let server: TestServer;
  let db: TestDatabase | undefined;
  let mod: string;
  beforeAll(async () => {
    if (skip) return;
    db = store === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    mod = await moderatorToken();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });
  // vitest's skipIf does not combine with each's parameters: skip inside instead.
  const it = skip ? itBase.skip : itBase;

  const post = (token: string, articleId: string, body: string) =>
    api(server.url, "POST", `/api/articles/${articleId}/comments`, { token, body: { body } });

  it("pre-moderation hides a comment from other readers until approved, then it arrives live", async () => {
    const articleId = "pre-1";
    const set = await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { moderation: "pre" },
    });
    expect(set.json).toMatchObject({
      moderation: "pre",
      effectiveModeration: "pre",
      closed: false,
    });

    const author = await guest(server.url, "Author");
    const authorSocket = await connect(server.url, author.token);
    const readerSocket = await connect(server.url);
    const modSocket = await connect(server.url, mod);
    for (const s of [authorSocket, readerSocket])
      expect((await request(s, "article:join", { articleId })).ok).toBe(true);
    const readerCreated = collect(readerSocket, "comment:created");
    // Queue events are for moderators only, never for the author or other readers.
    const notForThem = [authorSocket, readerSocket].flatMap((s) => [
      collect(s, "moderation:queued"),
      collect(s, "moderation:decided"),
    ]);
    const queued = nextEvent(modSocket, "moderation:queued");
    const authorSees = nextEvent(authorSocket, "comment:created");

    const posted = await post(author.token, articleId, "Please check me");
    expect(posted.status).toBe(201);
    expect(posted.json.comment.status).toBe("pending");
    const id = posted.json.comment.id as string;
    expect(await authorSees).toMatchObject({ id, status: "pending" });
    expect(await queued).toMatchObject({ queue: "pending", comment: { id }, reportCount: 0 });

    // Only the author and moderators see it in listings.
    const anonymous = await api(server.url, "GET", `/api/articles/${articleId}/comments`);
    expect(anonymous.json.threads).toEqual([]);
    expect(anonymous.json.commentCount).toBe(0);
    const own = await api(server.url, "GET", `/api/articles/${articleId}/comments`, {
      token: author.token,
    });
    expect(own.json.threads[0].comment).toMatchObject({ id, status: "pending" });
    const other = await guest(server.url, "Other");
    const changes = await api(server.url, "GET", `/api/articles/${articleId}/changes?after=0`, {
      token: other.token,
    });
    expect(changes.json.changes).toEqual([]);
    const queue = await api(server.url, "GET", "/api/moderation/queue?queue=pending", {
      token: mod,
    });
    expect(queue.json.items.map((i: { comment: { id: string } }) => i.comment.id)).toContain(id);

    const readerUpdate = nextEvent(readerSocket, "comment:updated", (c) => c.id === id);
    const decided = nextEvent(modSocket, "moderation:decided", (d) => d.commentId === id);
    const approve = await api(server.url, "POST", `/api/moderation/comments/${id}/decisions`, {
      token: mod,
      body: { action: "approve" },
    });
    expect(approve.status).toBe(200);
    expect(approve.json.comment.status).toBe("published");
    expect(await readerUpdate).toMatchObject({ id, status: "published", body: "Please check me" });
    // A host user's id is Parley's own, found by the host's sub; the sub itself is never shown.
    const moderatorId = (await server.store.getExternalUser("mod-1"))!.id;
    expect(await decided).toMatchObject({ action: "approve", moderatorId, articleId });
    expect(readerCreated).toEqual([]);
    expect(notForThem.flat()).toEqual([]);

    const log = await api(server.url, "GET", `/api/moderation/log?articleId=${articleId}`, {
      token: mod,
    });
    expect(log.json.entries[0]).toMatchObject({
      action: "approve",
      commentId: id,
      moderator: { id: moderatorId, name: "Moderator" },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    expect(log.json.entries[1]).toMatchObject({ action: "mode:pre", commentId: null });
    for (const s of [authorSocket, readerSocket, modSocket]) s.close();
  });

  it("a reported comment is queued, and rejecting it makes it vanish live from an open reader", async () => {
    const articleId = "post-1";
    const author = await guest(server.url, "Loud");
    const reporter = await guest(server.url, "Reporter");
    const { comment } = (await post(author.token, articleId, "Something rude")).json;
    const reader = await connect(server.url);
    await request(reader, "article:join", { articleId });
    const modSocket = await connect(server.url, mod);

    const queued = nextEvent(modSocket, "moderation:queued", (i) => i.comment.id === comment.id);
    const report = await api(server.url, "POST", `/api/comments/${comment.id}/reports`, {
      token: reporter.token,
      body: { reason: "rude" },
    });
    expect(report.status).toBe(201);
    expect(
      (
        await api(server.url, "POST", `/api/comments/${comment.id}/reports`, {
          token: reporter.token,
          body: {},
        })
      ).status,
    ).toBe(200);
    expect(await queued).toMatchObject({ queue: "reported", reportCount: 1, reasons: ["rude"] });
    const ownReport = await api(server.url, "POST", `/api/comments/${comment.id}/reports`, {
      token: author.token,
    });
    expect(ownReport.status).toBe(403);

    const vanished = nextEvent(reader, "comment:updated", (c) => c.id === comment.id);
    const reject = await api(
      server.url,
      "POST",
      `/api/moderation/comments/${comment.id}/decisions`,
      {
        token: mod,
        body: { action: "reject", reason: "insults" },
      },
    );
    expect(reject.json.comment).toMatchObject({ status: "removed", body: "" });
    expect(await vanished).toMatchObject({ id: comment.id, status: "removed", body: "" });
    const again = await api(
      server.url,
      "POST",
      `/api/moderation/comments/${comment.id}/decisions`,
      {
        token: mod,
        body: { action: "approve" },
      },
    );
    expect(again.status).toBe(409);
    const reported = await api(server.url, "GET", "/api/moderation/queue?queue=reported", {
      token: mod,
    });
    expect(reported.json.items).toEqual([]);
    reader.close();
    modSocket.close();
  });

  it("a rejected held comment stays hidden from everyone but its author and moderators", async () => {
    const articleId = "pre-2";
    await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { moderation: "pre" },
    });
    const author = await guest(server.url, "Rejected");
    const authorSocket = await connect(server.url, author.token);
    const { comment } = (await post(author.token, articleId, "Not for print")).json;
    const told = nextEvent(authorSocket, "comment:updated", (c) => c.id === comment.id);
    await api(server.url, "POST", `/api/moderation/comments/${comment.id}/decisions`, {
      token: mod,
      body: { action: "reject" },
    });
    expect(await told).toMatchObject({ status: "removed", body: "" });
    authorSocket.close();
    const anonymous = await api(server.url, "GET", `/api/articles/${articleId}/changes?after=0`);
    expect(anonymous.json.changes).toEqual([]);
    const threads = await api(server.url, "GET", `/api/articles/${articleId}/comments`);
    expect(threads.json.threads).toEqual([]);
    const own = await api(server.url, "GET", `/api/articles/${articleId}/comments`, {
      token: author.token,
    });
    expect(own.json.threads[0].comment).toMatchObject({ id: comment.id, status: "removed" });
    const log = await api(server.url, "GET", `/api/moderation/log?articleId=${articleId}`, {
      token: mod,
    });
    expect(log.json.entries[0]).toMatchObject({ action: "reject:held", commentId: comment.id });
  });

  it("a moderator's DELETE of someone's comment is logged; closing stops new comments", async () => {
    const articleId = "close-1";
    const author = await guest(server.url);
    const { comment } = (await post(author.token, articleId, "first")).json;
    const removed = await api(server.url, "DELETE", `/api/comments/${comment.id}`, { token: mod });
    expect(removed.json.comment.status).toBe("removed");
    const reader = await connect(server.url);
    await request(reader, "article:join", { articleId });
    const updates = collect(reader, "article:updated");
    const page = () => api(server.url, "GET", `/api/articles/${articleId}/comments`);
    expect((await page()).json.closed).toBe(false);
    const close = await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { closed: true },
    });
    expect(close.json).toMatchObject({ closed: true, closedAt: expect.any(String) });
    // Open pages learn it live, and new ones from the thread page.
    await waitFor("the reader hears the article closed", () => updates.some((u) => u.closed));
    expect(updates.at(-1)).toEqual({ articleId, commentCount: 0, closed: true });
    expect((await page()).json.closed).toBe(true);
    reader.close();
    const refused = await post(author.token, articleId, "second");
    expect(refused.status).toBe(409);
    const s = await connect(server.url, author.token);
    const ack = await request(s, "comment:post", { articleId, body: "by socket" });
    expect(ack).toMatchObject({ ok: false, error: { code: "conflict" } });
    s.close();
    await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { closed: false },
    });
    expect((await post(author.token, articleId, "third")).status).toBe(201);
    const log = await api(server.url, "GET", `/api/moderation/log?articleId=${articleId}`, {
      token: mod,
    });
    expect(log.json.entries.map((e: { action: string }) => e.action)).toEqual([
      "reopen",
      "close",
      "remove",
    ]);
  });

  it("answers 401 without a token and 403 to guests and members on every moderation route", async () => {
    const g = await guest(server.url);
    const member = await ssoToken({ sub: "member-1", role: "member" });
    const author = await guest(server.url, "Victim");
    const { comment } = (await post(author.token, "authz-1", "keep me")).json;
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/moderation/queue"],
      ["GET", "/api/moderation/queue?queue=reported"],
      ["POST", `/api/moderation/comments/${comment.id}/decisions`, { action: "reject" }],
      ["POST", "/api/moderation/comments/nope/decisions", { action: "remove" }],
      ["GET", "/api/moderation/articles/authz-1"],
      ["PUT", "/api/moderation/articles/authz-1", { closed: true }],
      ["GET", "/api/moderation/log"],
      ["GET", "/api/moderation/no-such-route"],
    ];
    for (const [method, path, body] of routes) {
      const anon = await api(server.url, method, path, body ? { body } : {});
      expect(anon.status, `${method} ${path} anonymous`).toBe(401);
      for (const token of [g.token, member]) {
        const res = await api(server.url, method, path, { token, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.json.error.code).toBe("forbidden");
      }
    }
    // Nothing changed: the comment is still published and the article still open.
    const page = await api(server.url, "GET", "/api/articles/authz-1/comments");
    expect(page.json.threads[0].comment.status).toBe("published");
    expect((await post(g.token, "authz-1", "still open")).status).toBe(201);
  });
});

/**
 * Editors' picks through the real server: only moderators pin (401, 403 otherwise), readers of
 * the article are told live, a fresh reader's first page carries the pins, the limit answers 409,
 * removed comments cannot be pinned and leave the pins when removed, the log records both, and a
 * pin/unpin flood meets the per-user limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.js";
import {
  commentPinnedSchema,
  commentUnpinnedSchema,
  threadPageSchema,
} from "../../shared/schemas.js";
import {
  api,
  type ClientSocket,
  collect,
  connect,
  guest,
  request,
  waitFor,
} from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";

describe("editors' picks", () => {
  let server: TestServer;
  let mod: string;
  let author: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET, RATE_LIMIT_VOTES: "40", PRESENCE_INTERVAL_MS: "0" },
    });
    mod = await moderatorToken();
    ({ token: author } = await guest(server.url, "Author"));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
  });

  const postTo = async (articleId: string, body = "Worth reading") => {
    const res = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token: author,
      body: { body },
    });
    expect(res.status).toBe(201);
    return res.json.comment as { id: string };
  };
  const pin = (id: string, token?: string) =>
    api(server.url, "PUT", `/api/comments/${id}/pin`, token ? { token } : {});
  const unpin = (id: string, token?: string) =>
    api(server.url, "DELETE", `/api/comments/${id}/pin`, token ? { token } : {});
  const firstPage = async (articleId: string) => {
    const res = await api(server.url, "GET", `/api/articles/${articleId}/comments`);
    expect(res.status).toBe(200);
    return threadPageSchema.parse(res.json);
  };
  const reader = async (articleId: string) => {
    const socket = await connect(server.url);
    sockets.push(socket);
    await request(socket, "article:join", { articleId });
    return socket;
  };

  it("pins live for readers and on a fresh first page, then unpins the same way", async () => {
    const articleId = "pins-live";
    const older = await postTo(articleId, "Old and good");
    await postTo(articleId, "Newer");
    const socket = await reader(articleId);
    const pinned = collect(socket, "comment:pinned");
    const unpinned = collect(socket, "comment:unpinned");
    const etag = async () =>
      (await api(server.url, "GET", `/api/articles/${articleId}/comments`)).headers.get("etag");
    const before = await etag();

    const res = await pin(older.id, mod);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ comment: { id: older.id }, pinnedAt: expect.any(String) });
    await waitFor("readers hear of the pin", () => pinned.length === 1);
    expect(commentPinnedSchema.parse(pinned[0])).toMatchObject({
      articleId,
      comment: { id: older.id, body: "Old and good" },
    });
    expect((await firstPage(articleId)).pinned?.map((p) => p.comment.id)).toEqual([older.id]);
    // A pin takes no seq, yet a cached page's validator must change with it.
    expect(await etag()).not.toBe(before);

    // Pinning again answers the same pin and tells nobody.
    expect((await pin(older.id, mod)).json.pinnedAt).toBe(res.json.pinnedAt);

    expect((await unpin(older.id, mod)).status).toBe(204);
    await waitFor("readers hear of the unpin", () => unpinned.length === 1);
    expect(commentUnpinnedSchema.parse(unpinned[0])).toEqual({ articleId, commentId: older.id });
    expect((await firstPage(articleId)).pinned).toEqual([]);
    expect((await unpin(older.id, mod)).status).toBe(204);
    expect(pinned).toHaveLength(1);
    expect(unpinned).toHaveLength(1);

    const log = await api(server.url, "GET", `/api/moderation/log?articleId=${articleId}`, {
      token: mod,
    });
    const actions = (log.json.entries as { action: string }[]).map((e) => e.action);
    expect(actions.sort()).toEqual(["pin", "unpin"]);
  });

  it("answers 401 and 403 to anyone but a moderator (hostile)", async () => {
    const comment = await postTo("pins-hostile");
    expect((await pin(comment.id)).status).toBe(401);
    const notMod = await pin(comment.id, author);
    expect(notMod.status).toBe(403);
    expect(notMod.json.error.code).toBe("forbidden");
    expect((await unpin(comment.id, author)).status).toBe(403);
    expect((await pin("no-such-comment", mod)).json.error.code).toBe("not_found");
    expect((await firstPage("pins-hostile")).pinned).toEqual([]);
  });

  it("refuses a pin past the limit with 409 conflict", async () => {
    const articleId = "pins-limit";
    const ids = [];
    for (let i = 0; i <= limits.pinsPerArticle; i++) ids.push((await postTo(articleId)).id);
    for (const id of ids.slice(0, -1)) expect((await pin(id, mod)).status).toBe(200);
    const over = await pin(ids.at(-1)!, mod);
    expect(over.status).toBe(409);
    expect(over.json.error.code).toBe("conflict");
    expect((await firstPage(articleId)).pinned).toHaveLength(limits.pinsPerArticle);
  });

  it("never pins a removed comment, and unpins one when it is removed (hostile)", async () => {
    const articleId = "pins-removed";
    const gone = await postTo(articleId);
    const decide = (id: string) =>
      api(server.url, "POST", `/api/moderation/comments/${id}/decisions`, {
        token: mod,
        body: { action: "remove" },
      });
    expect((await decide(gone.id)).status).toBe(200);
    const refused = await pin(gone.id, mod);
    expect(refused.status).toBe(409);

    const pinnedThenRemoved = await postTo(articleId);
    const socket = await reader(articleId);
    const unpinned = collect(socket, "comment:unpinned");
    expect((await pin(pinnedThenRemoved.id, mod)).status).toBe(200);
    expect((await decide(pinnedThenRemoved.id)).status).toBe(200);
    await waitFor("readers hear the removed comment is unpinned", () => unpinned.length === 1);
    expect(unpinned[0]).toEqual({ articleId, commentId: pinnedThenRemoved.id });
    expect((await firstPage(articleId)).pinned).toEqual([]);
  });

  it("meets the per-user limit in a pin/unpin flood (hostile)", async () => {
    const comment = await postTo("pins-flood");
    const socket = await reader("pins-flood");
    const pinned = collect(socket, "comment:pinned");
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await pin(comment.id, mod)).status, (await unpin(comment.id, mod)).status);
    }
    expect(statuses).toContain(429);
    // Each accepted pin was one broadcast; the refused ones cost none.
    const accepted = statuses.filter((s, i) => i % 2 === 0 && s === 200).length;
    await waitFor("every accepted pin announced", () => pinned.length === accepted);
    expect(accepted).toBeLessThanOrEqual(40);
  });
});

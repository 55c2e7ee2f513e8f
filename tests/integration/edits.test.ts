/**
 * Edits on a real server: they count against the comment limits, go through the same moderation
 * rules as a post (banned words, pre-moderation holds them again), an approval applies only to
 * the version the moderator saw, an edit of a queued comment reaches /moderate live, and a
 * moderator's edit of someone else's comment is logged and shown as theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, collect, connect, guest, request, waitFor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, nextEvent, SSO_TEST_SECRET } from "../helpers/trust.js";

const env = { SSO_SECRET: SSO_TEST_SECRET };

describe("edits", () => {
  let server: TestServer;
  let limited: TestServer;
  let rejecting: TestServer;
  let mod: string;
  beforeAll(async () => {
    server = await startTestServer({
      env: { ...env, BANNED_WORDS: "scam", BANNED_WORDS_ACTION: "hold" },
    });
    limited = await startTestServer({ env: { ...env, RATE_LIMIT_COMMENTS: "3" } });
    rejecting = await startTestServer({
      env: { ...env, BANNED_WORDS: "scam", BANNED_WORDS_ACTION: "reject" },
    });
    mod = await moderatorToken();
  });
  afterAll(async () => {
    await server?.stop();
    await limited?.stop();
    await rejecting?.stop();
  });

  const post = (s: TestServer, token: string, articleId: string, body: string) =>
    api(s.url, "POST", `/api/articles/${articleId}/comments`, { token, body: { body } });
  const edit = (s: TestServer, token: string, id: string, body: string) =>
    api(s.url, "PATCH", `/api/comments/${id}`, { token, body: { body } });
  const publicBodies = async (s: TestServer, articleId: string) =>
    (await api(s.url, "GET", `/api/articles/${articleId}/comments`)).json.threads.map(
      (t: { comment: { body: string } }) => t.comment.body,
    ) as string[];

  it("counts edits against RATE_LIMIT_COMMENTS", async () => {
    const g = await guest(limited.url);
    const posted = await post(limited, g.token, "rl-edits", "first");
    expect(posted.status).toBe(201);
    const id = posted.json.comment.id as string;
    expect((await edit(limited, g.token, id, "second")).status).toBe(200);
    expect((await edit(limited, g.token, id, "third")).status).toBe(200);
    const fourth = await edit(limited, g.token, id, "fourth");
    expect(fourth.status).toBe(429);
    expect(fourth.json.error.code).toBe("rate_limited");
    // The edits used the budget a new comment needs too.
    expect((await post(limited, g.token, "rl-edits", "another")).status).toBe(429);
    expect(await publicBodies(limited, "rl-edits")).toEqual(["third"]);
  });

  it("refuses a banned word in an edit like a post, however it is disguised", async () => {
    const g = await guest(rejecting.url);
    const ok = await post(rejecting, g.token, "bw-edit", "clean words");
    const id = ok.json.comment.id as string;
    for (const body of ["a s\u200bcam", "a ѕсаm", "s c a m", "a ｓｃａｍ", "sc\u00adam here"]) {
      const res = await edit(rejecting, g.token, id, body);
      expect(res.status, body).toBe(400);
      expect(res.json.error.code, body).toBe("invalid_input");
    }
    expect((await edit(rejecting, g.token, id, "scampi for dinner")).status).toBe(200);
    expect(await publicBodies(rejecting, "bw-edit")).toEqual(["scampi for dinner"]);
  });

  it("holds an edit with a banned word when the action is hold: it leaves the public thread", async () => {
    const articleId = "bw-hold";
    const g = await guest(server.url);
    const reader = await connect(server.url);
    expect((await request(reader, "article:join", { articleId })).ok).toBe(true);
    const id = (await post(server, g.token, articleId, "nice post")).json.comment.id as string;
    const readerSees = nextEvent(reader, "comment:updated", (c) => c.id === id);
    const res = await edit(server, g.token, id, "now a ѕcam");
    expect(res.status).toBe(200);
    expect(res.json.comment).toMatchObject({ status: "pending", body: "now a ѕcam" });
    // Readers learn it left, and nothing of the held text.
    expect(await readerSees).toMatchObject({ id, status: "pending", body: "" });
    expect(await publicBodies(server, articleId)).toEqual([]);
    reader.close();
  });

  it("holds an edited comment again in pre-moderation, and refreshes it on /moderate", async () => {
    const articleId = "pre-edit";
    await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { moderation: "pre" },
    });
    const g = await guest(server.url, "Author");
    const modSocket = await connect(server.url, mod);
    const id = (await post(server, g.token, articleId, "version one")).json.comment.id as string;
    const approved = await api(server.url, "POST", `/api/moderation/comments/${id}/decisions`, {
      token: mod,
      body: { action: "approve", editedAt: null },
    });
    expect(approved.json.comment.status).toBe("published");
    expect(await publicBodies(server, articleId)).toEqual(["version one"]);

    const requeued = nextEvent(modSocket, "moderation:queued", (i) => i.comment.id === id);
    const edited = await edit(server, g.token, id, "version two");
    expect(edited.json.comment).toMatchObject({ status: "pending", editedBy: "author" });
    expect(await publicBodies(server, articleId)).toEqual([]);
    expect(await requeued).toMatchObject({ queue: "pending", comment: { body: "version two" } });

    // A further edit of the queued comment reaches the moderators' live view too.
    const refreshed = nextEvent(modSocket, "moderation:queued", (i) => i.comment.id === id);
    await edit(server, g.token, id, "version three");
    expect((await refreshed).comment.body).toBe("version three");
    modSocket.close();
  });

  it("answers 409 to an approval of a version an edit has replaced", async () => {
    const articleId = "stale";
    await api(server.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { moderation: "pre" },
    });
    const g = await guest(server.url);
    const id = (await post(server, g.token, articleId, "harmless")).json.comment.id as string;
    const queue = await api(server.url, "GET", `/api/moderation/queue?articleId=${articleId}`, {
      token: mod,
    });
    const seen = queue.json.items[0].comment;
    expect(seen).toMatchObject({ id, body: "harmless", editedAt: null });
    await edit(server, g.token, id, "something else entirely");

    const decide = (editedAt: string | null) =>
      api(server.url, "POST", `/api/moderation/comments/${id}/decisions`, {
        token: mod,
        body: { action: "approve", editedAt },
      });
    const stale = await decide(seen.editedAt as null);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("conflict");
    expect(await publicBodies(server, articleId)).toEqual([]);

    const fresh = (
      await api(server.url, "GET", `/api/moderation/queue?articleId=${articleId}`, {
        token: mod,
      })
    ).json.items[0].comment;
    const ok = await decide(fresh.editedAt as string);
    expect(ok.status).toBe(200);
    expect(await publicBodies(server, articleId)).toEqual(["something else entirely"]);
  });

  it("logs a moderator's edit of someone else's comment and shows it as by a moderator", async () => {
    const articleId = "mod-edit";
    const g = await guest(server.url);
    const reader = await connect(server.url);
    expect((await request(reader, "article:join", { articleId })).ok).toBe(true);
    const updates = collect(reader, "comment:updated");
    const id = (await post(server, g.token, articleId, "rude words")).json.comment.id as string;
    const res = await edit(server, mod, id, "[edited by the moderators]");
    expect(res.status).toBe(200);
    expect(res.json.comment).toMatchObject({ status: "published", editedBy: "moderator" });
    await waitFor("the reader's update", () => updates.some((c) => c.id === id));
    expect(updates.find((c) => c.id === id)).toMatchObject({ editedBy: "moderator" });
    const page = await api(server.url, "GET", `/api/articles/${articleId}/comments`);
    expect(page.json.threads[0].comment).toMatchObject({
      body: "[edited by the moderators]",
      editedBy: "moderator",
      author: { role: "guest" },
    });
    const log = await api(server.url, "GET", `/api/moderation/log?articleId=${articleId}`, {
      token: mod,
    });
    expect(log.json.entries).toEqual([
      expect.objectContaining({ commentId: id, action: "edit", moderator: expect.anything() }),
    ]);
    // The author's own edit afterwards is the author's again.
    expect((await edit(server, g.token, id, "sorry")).json.comment.editedBy).toBe("author");
    reader.close();
  });

  it("refuses a guest name made only of invisible characters", async () => {
    for (const name of [
      "\u200b",
      "\u200b\u200c\u200d\u2060",
      "\u00ad",
      "\u202e",
      "\u3164",
      " \ufe0f ",
    ]) {
      const res = await api(server.url, "POST", "/api/sessions", { body: { name } });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.json.error.code).toBe("invalid_input");
    }
    const ok = await api(server.url, "POST", "/api/sessions", { body: { name: "Ada\u200b" } });
    expect(ok.status).toBe(201);
  });
});

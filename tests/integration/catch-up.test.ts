/** A reader who drops off and comes back gets exactly what it missed, in seq order. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comment } from "../../shared/schemas.js";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("catch-up after a disconnect", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("article:join with `after` and GET /changes return exactly the missed changes", async () => {
    const author = await guest(server.url, "Author");
    const post = (body: string) =>
      api(server.url, "POST", "/api/articles/cu-1/comments", {
        token: author.token,
        body: { body },
      });
    const before = (await post("seen before")).json.comment as Comment;

    const reader = await connect(server.url);
    const joined = await request(reader, "article:join", { articleId: "cu-1" });
    expect(joined).toMatchObject({
      ok: true,
      articleId: "cu-1",
      lastSeq: before.seq,
      commentCount: 1,
      changes: [],
      hasMore: false,
    });
    const held = joined.lastSeq as number;
    reader.close();

    const c1 = (await post("missed one")).json.comment as Comment;
    const c2 = (await post("missed two")).json.comment as Comment;
    const c3 = (await post("missed three")).json.comment as Comment;
    const edited = await api(server.url, "PATCH", `/api/comments/${c1.id}`, {
      token: author.token,
      body: { body: "missed one, edited" },
    });
    expect(edited.status).toBe(200);
    const removed = await api(server.url, "DELETE", `/api/comments/${c2.id}`, {
      token: author.token,
    });
    expect(removed.json.comment).toMatchObject({ status: "removed", body: "" });

    const back = await connect(server.url);
    const rejoined = await request(back, "article:join", { articleId: "cu-1", after: held });
    back.close();
    const changes = rejoined.changes as Comment[];
    // Each comment appears once, with its latest state, in the order of its latest change.
    expect(changes.map((c) => [c.id, c.body, c.status])).toEqual([
      [c3.id, "missed three", "published"],
      [c1.id, "missed one, edited", "published"],
      [c2.id, "", "removed"],
    ]);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(rejoined).toMatchObject({
      lastSeq: seqs[seqs.length - 1],
      commentCount: 3,
      hasMore: false,
    });
    expect(changes[1]?.editedAt).not.toBeNull();

    const rest = await api(server.url, "GET", `/api/articles/cu-1/changes?after=${held}`);
    expect(rest.json).toEqual({
      articleId: "cu-1",
      lastSeq: rejoined.lastSeq,
      changes,
      hasMore: false,
    });
    const paged = await api(server.url, "GET", `/api/articles/cu-1/changes?after=${held}&limit=2`);
    expect(paged.json.changes).toEqual(changes.slice(0, 2));
    expect(paged.json.hasMore).toBe(true);
  });

  it("pushes edits and removals live as comment:updated", async () => {
    const author = await guest(server.url);
    const reader = await connect(server.url);
    await request(reader, "article:join", { articleId: "cu-2" });
    const updates: Comment[] = [];
    reader.on("comment:updated", (c) => updates.push(c));
    const { comment } = (
      await api(server.url, "POST", "/api/articles/cu-2/comments", {
        token: author.token,
        body: { body: "v1" },
      })
    ).json;
    await api(server.url, "PATCH", `/api/comments/${comment.id}`, {
      token: author.token,
      body: { body: "v2" },
    });
    await api(server.url, "DELETE", `/api/comments/${comment.id}`, { token: author.token });
    const { waitFor } = await import("../helpers/clients.js");
    await waitFor("edit and removal arrive", () => updates.length === 2);
    reader.close();
    expect(updates.map((c) => [c.body, c.status])).toEqual([
      ["v2", "published"],
      ["", "removed"],
    ]);
    expect(updates[0]!.seq).toBeLessThan(updates[1]!.seq);
  });
});

/**
 * `GET /api/comments/:id/thread`: the thread holding a comment, for deep links, whichever page of
 * threads it is on; the same Thread shape as a threads page. Hidden and unknown ids are 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("the thread of a comment", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it("finds an old reply's thread far past the first page", async () => {
    const ann = await guest(server.url, "Ann");
    const post = async (body: string, parentId?: string) =>
      (
        await api(server.url, "POST", "/api/articles/deep-1/comments", {
          token: ann.token,
          body: { body, ...(parentId ? { parentId } : {}) },
        })
      ).json.comment as { id: string };
    const old = await post("The oldest thread");
    const reply = await post("A reply", old.id);
    const nested = await post("A nested reply", reply.id);
    for (let i = 0; i < 25; i++) await post(`Newer ${i}`);
    const first = await api(server.url, "GET", "/api/articles/deep-1/comments?limit=20");
    expect(first.json.threads.map((t: { comment: { id: string } }) => t.comment.id)).not.toContain(
      old.id,
    );
    const res = await api(server.url, "GET", `/api/comments/${nested.id}/thread`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      articleId: "deep-1",
      commentId: nested.id,
      article: { id: "deep-1", closed: false },
      thread: { comment: { id: old.id } },
    });
    expect(res.json.thread.replies.map((r: { id: string }) => r.id)).toEqual([reply.id, nested.id]);
    expect(
      (await api(server.url, "GET", `/api/comments/${old.id}/thread`)).json.thread.comment.id,
    ).toBe(old.id);
    expect((await api(server.url, "GET", "/api/comments/nope/thread")).status).toBe(404);
    expect((await api(server.url, "GET", `/api/comments/${"x".repeat(65)}/thread`)).status).toBe(
      400,
    );
  });
});

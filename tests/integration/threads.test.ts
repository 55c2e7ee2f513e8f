/** Thread listings over REST: sorts, cursors, replies grouped under their roots. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Thread } from "../../shared/schemas.js";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("thread pages", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("pages through roots newest and oldest first, each with all its descendants", async () => {
    const g = await guest(server.url);
    const post = async (body: string, parentId?: string) =>
      (
        await api(server.url, "POST", "/api/articles/th/comments", {
          token: g.token,
          body: { body, parentId },
        })
      ).json.comment;
    const roots: { id: string }[] = [];
    for (let i = 0; i < 5; i++) roots.push(await post(`root ${i}`));
    const reply = await post("reply", roots[2]!.id);
    const grandchild = await post("grandchild", reply.id);

    const empty = await api(server.url, "GET", "/api/articles/never-used/comments");
    expect(empty.json).toMatchObject({
      articleId: "never-used",
      commentCount: 0,
      lastSeq: 0,
      threads: [],
      nextCursor: null,
    });
    expect(Date.parse(empty.json.serverTime)).not.toBeNaN();

    for (const [sort, expected] of [
      ["newest", ["root 4", "root 3", "root 2", "root 1", "root 0"]],
      ["oldest", ["root 0", "root 1", "root 2", "root 3", "root 4"]],
    ] as const) {
      const seen: Thread[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await api(server.url, "GET", `/api/articles/th/comments${q}`);
        expect(page.status).toBe(200);
        expect(page.json.commentCount).toBe(7);
        seen.push(...(page.json.threads as Thread[]));
        cursor = page.json.nextCursor as string | null;
      } while (cursor);
      expect(seen.map((t) => t.comment.body)).toEqual(expected);
      const withReplies = seen.find((t) => t.comment.id === roots[2]!.id)!;
      expect(withReplies.replies.map((r) => [r.body, r.parentId])).toEqual([
        ["reply", roots[2]!.id],
        ["grandchild", reply.id],
      ]);
      expect(withReplies.comment.replyCount).toBe(1);
    }
    // A cursor from one sort is refused by another.
    const first = await api(server.url, "GET", "/api/articles/th/comments?sort=newest&limit=1");
    const wrong = await api(
      server.url,
      "GET",
      `/api/articles/th/comments?sort=oldest&cursor=${first.json.nextCursor}`,
    );
    expect(wrong.status).toBe(400);
    expect(grandchild.parentId).toBe(reply.id);
  });
});

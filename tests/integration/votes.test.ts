/**
 * Votes: one per user per comment, changeable and removable, the score kept on the comment and
 * pushed live (coalesced per comment), and `sort=top` ordering by it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, collect, connect, guest, request, waitFor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("vote and report limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_VOTES: "3" } });
  });
  afterAll(() => server.stop());

  it("answers 429 past RATE_LIMIT_VOTES per user; other users go on", async () => {
    const author = await guest(server.url);
    const { comment } = (
      await api(server.url, "POST", "/api/articles/vl/comments", {
        token: author.token,
        body: { body: "x" },
      })
    ).json;
    const [busy, calm] = [await guest(server.url), await guest(server.url)];
    const put = (token: string, value: number) =>
      api(server.url, "PUT", `/api/comments/${comment.id}/vote`, { token, body: { value } });
    expect((await put(busy.token, 1)).status).toBe(200);
    expect((await put(busy.token, -1)).status).toBe(200);
    const report = await api(server.url, "POST", `/api/comments/${comment.id}/reports`, {
      token: busy.token,
    });
    expect(report.status).toBe(201);
    const limited = await put(busy.token, 1);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await put(calm.token, 1)).json).toMatchObject({ score: 0, vote: 1 });
  });
});

describe("votes", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const post = async (token: string, articleId: string, body: string) =>
    (
      await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
        token,
        body: { body },
      })
    ).json.comment as { id: string; seq: number };
  const vote = (token: string, id: string, value?: unknown) =>
    value === undefined
      ? api(server.url, "DELETE", `/api/comments/${id}/vote`, { token })
      : api(server.url, "PUT", `/api/comments/${id}/vote`, { token, body: { value } });

  it("keeps one vote per user; a change moves the score by two; removal undoes it", async () => {
    const author = await guest(server.url, "Author");
    const [a, b] = [await guest(server.url, "A"), await guest(server.url, "B")];
    const c = await post(author.token, "votes-1", "vote on me");
    expect((await vote(a.token, c.id, 1)).json).toEqual({ commentId: c.id, score: 1, vote: 1 });
    expect((await vote(a.token, c.id, 1)).json.score).toBe(1);
    expect((await vote(b.token, c.id, 1)).json.score).toBe(2);
    expect((await vote(a.token, c.id, -1)).json).toEqual({ commentId: c.id, score: 0, vote: -1 });
    expect((await vote(a.token, c.id)).json).toEqual({ commentId: c.id, score: 1, vote: 0 });
    expect((await vote(a.token, c.id)).json.score).toBe(1);
    const page = await api(server.url, "GET", "/api/articles/votes-1/comments");
    // The score is on the comment; a vote is not a content change, so the seq stays.
    expect(page.json.threads[0].comment).toMatchObject({ score: 1, seq: c.seq });

    expect((await vote(author.token, c.id, 1)).status).toBe(403);
    expect(
      (await api(server.url, "PUT", `/api/comments/${c.id}/vote`, { body: { value: 1 } })).status,
    ).toBe(401);
    for (const value of [0, 2, "1", null, 1.5, [1]]) {
      const res = await vote(a.token, c.id, value);
      expect(res.status, JSON.stringify(value)).toBe(400);
    }
    expect((await vote(a.token, "no-such-comment", 1)).status).toBe(404);
    await api(server.url, "DELETE", `/api/comments/${c.id}`, { token: author.token });
    expect((await vote(b.token, c.id, -1)).status).toBe(409);
  });

  it("sorts sort=top by score", async () => {
    const author = await guest(server.url);
    const voters = await Promise.all([1, 2, 3].map((n) => guest(server.url, `V${n}`)));
    const low = await post(author.token, "votes-top", "low");
    const high = await post(author.token, "votes-top", "high");
    const mid = await post(author.token, "votes-top", "mid");
    for (const v of voters) await vote(v.token, high.id, 1);
    await vote(voters[0]!.token, mid.id, 1);
    await vote(voters[0]!.token, low.id, -1);
    const page = await api(server.url, "GET", "/api/articles/votes-top/comments?sort=top");
    expect(page.json.threads.map((t: { comment: { body: string } }) => t.comment.body)).toEqual([
      "high",
      "mid",
      "low",
    ]);
  });

  it("pushes comment:voted to readers, coalescing a burst on one comment", async () => {
    const author = await guest(server.url);
    const c = await post(author.token, "votes-live", "hot take");
    const reader = await connect(server.url);
    await request(reader, "article:join", { articleId: "votes-live" });
    const seen = collect(reader, "comment:voted");
    const voters = await Promise.all(
      Array.from({ length: 20 }, (_, i) => guest(server.url, `Fan ${i}`)),
    );
    await Promise.all(voters.map((v) => vote(v.token, c.id, 1)));
    await waitFor("the final score of 20", () => seen.at(-1)?.score === 20);
    expect(seen[0]).toEqual({
      articleId: "votes-live",
      commentId: c.id,
      score: expect.any(Number),
    });
    // 20 votes in a burst: far fewer than 20 updates reach the reader.
    expect(seen.length).toBeLessThan(20);
    reader.close();
  });
});

/**
 * Trust and safety across two instances on one PostgreSQL and one Redis: a comment held on one
 * instance reaches a moderator's queue on the other, the decision taken there reaches readers
 * everywhere, scores travel too, and the vote limit is shared through Redis.
 */
import { describe, expect, it } from "vitest";
import { api, connect, guest, request } from "../helpers/clients.js";
import { redisServerInstalled } from "../helpers/redis-server.js";
import { useInstancePair } from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { moderatorToken, nextEvent, SSO_TEST_SECRET } from "../helpers/trust.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

describe.skipIf(!ready)("trust and safety across two instances", () => {
  const pair = useInstancePair({ SSO_SECRET: SSO_TEST_SECRET, RATE_LIMIT_VOTES: "3" });

  it("queues on one instance, decides on the other, and every reader hears of it", async () => {
    const { a, b, sockets } = pair;
    const articleId = "scaled-pre";
    const mod = await moderatorToken();
    await api(a.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: mod,
      body: { moderation: "pre" },
    });
    const modOnB = await connect(b.url, mod);
    const readerOnB = await connect(b.url);
    const readerOnA = await connect(a.url);
    sockets.push(modOnB, readerOnB, readerOnA);
    for (const s of [readerOnA, readerOnB]) await request(s, "article:join", { articleId });

    const author = await guest(a.url, "Held on A");
    const queued = nextEvent(modOnB, "moderation:queued");
    const { comment } = (
      await api(a.url, "POST", `/api/articles/${articleId}/comments`, {
        token: author.token,
        body: { body: "Held on A, seen from B" },
      })
    ).json;
    expect(await queued).toMatchObject({ queue: "pending", comment: { id: comment.id } });

    const onB = nextEvent(readerOnB, "comment:updated", (c) => c.id === comment.id);
    const onA = nextEvent(readerOnA, "comment:updated", (c) => c.id === comment.id);
    const decided = nextEvent(modOnB, "moderation:decided", (d) => d.commentId === comment.id);
    const approve = await api(b.url, "POST", `/api/moderation/comments/${comment.id}/decisions`, {
      token: mod,
      body: { action: "approve" },
    });
    expect(approve.status).toBe(200);
    for (const update of [await onA, await onB]) expect(update.status).toBe("published");
    const moderatorId = (await a.store.getExternalUser("mod-1"))!.id;
    expect(await decided).toMatchObject({ action: "approve", moderatorId });

    // Scores travel between instances too, and the vote limit is shared through Redis.
    const voter = await guest(a.url, "Voter");
    const voted = nextEvent(readerOnB, "comment:voted", (v) => v.score === -1);
    const vote = (url: string, value: number) =>
      api(url, "PUT", `/api/comments/${comment.id}/vote`, { token: voter.token, body: { value } });
    expect((await vote(a.url, 1)).status).toBe(200);
    expect((await vote(b.url, -1)).status).toBe(200);
    expect(await voted).toEqual({ articleId, commentId: comment.id, score: -1 });
    expect((await vote(a.url, 1)).status).toBe(200);
    expect((await vote(b.url, -1)).status).toBe(429);
  });

  it("holds to what another instance set, though B has the article cached", async () => {
    const { a, b } = pair;
    const articleId = "scaled-settings";
    const mod = await moderatorToken();
    const author = await guest(b.url, "Posts on B");
    const post = (body: string) =>
      api(b.url, "POST", `/api/articles/${articleId}/comments`, {
        token: author.token,
        body: { body },
      });
    const settings = (body: object) =>
      api(a.url, "PUT", `/api/moderation/articles/${articleId}`, { token: mod, body });
    // Two posts on B: the second comes from B's cache of the article, open and post-moderated.
    expect((await post("first")).json.comment.status).toBe("published");
    expect((await post("second")).json.comment.status).toBe("published");
    // A switches to pre-moderation, then closes, then reopens: B's next post follows each.
    await settings({ moderation: "pre" });
    const held = await post("held");
    expect(held.status).toBe(201);
    expect(held.json.comment.status).toBe("pending");
    await settings({ closed: true });
    expect((await post("refused")).status).toBe(409);
    expect((await post("refused again")).status).toBe(409);
    await settings({ closed: false, moderation: "post" });
    const reopened = await post("reopened");
    expect(reopened.status).toBe(201);
    expect(reopened.json.comment.status).toBe("published");
    // Nothing written by a refused post: the published count is first, second and reopened.
    expect((await a.store.getArticle(articleId)).commentCount).toBe(3);
  });
});

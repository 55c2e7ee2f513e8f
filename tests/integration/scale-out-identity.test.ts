/**
 * A role change reaches every open socket of the user on every instance: two instances on one
 * PostgreSQL and one real Redis; a moderator with a socket on each is demoted by a newer host
 * token used on one of them, and both sockets leave the moderators' room and lose the role at
 * once; promoted again, both get it back.
 */
import { describe, expect, it } from "vitest";
import { rooms } from "../../shared/events.js";
import { api, connect, guest, request } from "../helpers/clients.js";
import { redisServerInstalled } from "../helpers/redis-server.js";
import { type ScaledInstance, useInstancePair } from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { nextEvent, SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

describe.skipIf(!ready)("identity across two instances", () => {
  const pair = useInstancePair({ SSO_SECRET: SSO_TEST_SECRET });

  const moderatorsOn = (instance: ScaledInstance) =>
    instance.parley.io.of("/").adapter.rooms.get(rooms.moderators)?.size ?? 0;
  /** A host token for the user, issued `secondsAgo` before now (later tokens win). */
  const token = (role: "member" | "moderator", secondsAgo: number) =>
    ssoToken({ sub: "editor-7", name: "Editor", role }, new Date(Date.now() - secondsAgo * 1000));

  it("demotes and promotes every open socket of the user, on both instances", async () => {
    const { a, b, sockets } = pair;
    const articleId = "scaled-identity";
    const first = await token("moderator", 30);
    const onA = await connect(a.url, first);
    const onB = await connect(b.url, first);
    sockets.push(onA, onB);
    expect([moderatorsOn(a), moderatorsOn(b)]).toEqual([1, 1]);
    const set = await api(a.url, "PUT", `/api/moderation/articles/${articleId}`, {
      token: first,
      body: { moderation: "pre" },
    });
    expect(set.status).toBe(200);

    // The host signs a newer token without the role; one request on A carries it.
    const demotedA = nextEvent(onA, "session:updated", (u) => u.role === "member");
    const demotedB = nextEvent(onB, "session:updated", (u) => u.role === "member");
    const demoted = await token("member", 20);
    expect((await api(a.url, "GET", "/api/notifications", { token: demoted })).status).toBe(200);
    await Promise.all([demotedA, demotedB]);
    expect([moderatorsOn(a), moderatorsOn(b)]).toEqual([0, 0]);
    for (const s of [onA, onB]) {
      const posted = await request(s, "comment:post", { articleId, body: "no longer a moderator" });
      expect(posted).toMatchObject({ ok: true, comment: { status: "pending" } });
    }
    // The first token, still in a tab somewhere, gives nothing back on either instance.
    for (const instance of [a, b]) {
      const queue = await api(instance.url, "GET", "/api/moderation/queue", { token: first });
      expect(queue.status).toBe(403);
    }

    // Promoted again by a still newer token used on B: both sockets hear held comments again.
    const promotedA = nextEvent(onA, "session:updated", (u) => u.role === "moderator");
    const promotedB = nextEvent(onB, "session:updated", (u) => u.role === "moderator");
    const promoted = await token("moderator", 10);
    expect((await api(b.url, "GET", "/api/notifications", { token: promoted })).status).toBe(200);
    await Promise.all([promotedA, promotedB]);
    expect([moderatorsOn(a), moderatorsOn(b)]).toEqual([1, 1]);
    const queuedA = nextEvent(onA, "moderation:queued");
    const queuedB = nextEvent(onB, "moderation:queued");
    const author = await guest(a.url, "Held");
    await api(a.url, "POST", `/api/articles/${articleId}/comments`, {
      token: author.token,
      body: { body: "held for review" },
    });
    await Promise.all([queuedA, queuedB]);
  });
});

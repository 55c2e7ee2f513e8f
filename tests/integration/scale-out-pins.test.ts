/**
 * Editors' picks across two instances on one PostgreSQL and one Redis: a pin made through one
 * instance reaches readers on the other live, the other's first page carries it (its pins cache
 * lasts at most 2 s), and two moderators racing for the last place on two instances cannot both
 * take it.
 */
import { describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.js";
import { threadPageSchema } from "../../shared/schemas.js";
import { api, collect, connect, guest, request, waitFor } from "../helpers/clients.js";
import { redisServerInstalled } from "../helpers/redis-server.js";
import { useInstancePair } from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

describe.skipIf(!ready)("editors' picks across instances", () => {
  const pair = useInstancePair({ SSO_SECRET: SSO_TEST_SECRET });

  it("reaches readers on the other instance, and the limit holds across instances", async () => {
    const { a, b, sockets } = pair;
    const articleId = "scale-pins";
    const { token } = await guest(a.url, "Author");
    const mod = await moderatorToken();
    const ids: string[] = [];
    for (let i = 0; i < limits.pinsPerArticle + 1; i++) {
      const res = await api(a.url, "POST", `/api/articles/${articleId}/comments`, {
        token,
        body: { body: `Comment ${i}` },
      });
      ids.push(res.json.comment.id as string);
    }
    const socket = await connect(b.url);
    sockets.push(socket);
    await request(socket, "article:join", { articleId });
    const pinned = collect(socket, "comment:pinned");

    expect((await api(a.url, "PUT", `/api/comments/${ids[0]}/pin`, { token: mod })).status).toBe(
      200,
    );
    await waitFor("B's reader hears of A's pin", () => pinned.length === 1);
    const page = async () =>
      threadPageSchema.parse((await api(b.url, "GET", `/api/articles/${articleId}/comments`)).json);
    let onB = await page();
    const deadline = Date.now() + 10_000;
    while ((onB.pinned ?? []).length === 0 && Date.now() < deadline) onB = await page();
    expect(onB.pinned?.map((p) => p.comment.id)).toEqual([ids[0]]);

    // Fill to one short of the limit, then race two moderators for the last place.
    for (const id of ids.slice(1, limits.pinsPerArticle - 1)) {
      await api(b.url, "PUT", `/api/comments/${id}/pin`, { token: mod });
    }
    const [x, y] = await Promise.all([
      api(a.url, "PUT", `/api/comments/${ids.at(-2)}/pin`, { token: mod }),
      api(b.url, "PUT", `/api/comments/${ids.at(-1)}/pin`, { token: mod }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect((await a.store.listPins(articleId)).length).toBe(limits.pinsPerArticle);
  });
});

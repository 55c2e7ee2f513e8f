/**
 * Notifying an article's `all` followers happens after the post's commit: the poster's ack does
 * not wait for thousands of rows, and every follower's notification still exists afterwards, the
 * connected ones told live. A gate on the store's follower batches proves the order: the ack
 * arrives while no follower's row exists yet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { Store, SubscriberBatch } from "../../server/store/store.js";
import { api, collect, connect, guest, waitFor, type ClientSocket } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);
const FOLLOWERS = 2_000;

/** Holds every follower batch until `open()`: the real store does the work once let through. */
function gated(store: Store) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let batches = 0;
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key === "notifySubscribers") {
        return async (batch: SubscriberBatch) => {
          await opened;
          batches += 1;
          return target.notifySubscribers(batch);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
  return { wrapped, open: () => open(), batches: () => batches };
}

/** Maps over `items` a few dozen at a time: quick on a pool of connections, gentle on the box. */
async function inChunks<T, R>(items: T[], fn: (item: T) => Promise<R>, size = 25): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return out;
}

describe.each([
  { kind: "sqlite", skip: false },
  { kind: "postgres", skip: !pgReady },
])("followers' notifications after the commit ($kind)", ({ kind, skip }) => {
  let db: TestDatabase | undefined;
  let server: TestServer;
  let gate: ReturnType<typeof gated>;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = kind === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      ...(db ? { databaseUrl: db.url } : {}),
      wrapStore: (store) => (gate = gated(store)).wrapped,
    });
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    gate?.open();
    await server?.stop();
    await db?.drop();
  });

  it.skipIf(skip)(
    `acks a post at once and still tells all ${FOLLOWERS} followers, live too`,
    async () => {
      const articleId = `followed-${kind}`;
      const followers = await inChunks(
        Array.from({ length: FOLLOWERS }, (_, i) => i),
        async (i) => {
          const user = await server.store.createGuest({
            id: newId(),
            name: `Follower ${i}`,
            email: null,
            createdAt: new Date().toISOString(),
          });
          await server.store.setSubscription(user.id, articleId, "all");
          return user.id;
        },
      );
      // One follower with an open tab, to see the live notification.
      const live = await guest(server.url, "Live follower");
      await api(server.url, "PUT", `/api/articles/${articleId}/subscription`, {
        token: live.token,
        body: { notify: "all" },
      });
      const tab = await connect(server.url, live.token);
      sockets.push(tab);
      const told = collect(tab, "notification:created");

      const poster = await guest(server.url, "Poster");
      const posted = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
        token: poster.token,
        body: { body: "News for everyone following" },
      });
      expect(posted.status).toBe(201);
      // Acknowledged while the follower batches are still held: none of their rows exists yet.
      expect(gate.batches()).toBe(0);
      expect(await server.store.countUnread(followers[0]!)).toBe(0);
      expect(await server.store.countUnread(followers.at(-1)!)).toBe(0);

      gate.open();
      await waitFor("the live follower is told", () => told.length === 1);
      expect(told[0]).toMatchObject({ type: "comment", articleId, comment: posted.json.comment });
      // Batches go in user-id order: the greatest id is written last.
      const lastWritten = [...followers].sort().at(-1)!;
      await expect
        .poll(async () => (await server.store.countUnread(lastWritten)) === 1, {
          timeout: 30_000,
        })
        .toBe(true);
      const unread = await inChunks(followers, (id) => server.store.countUnread(id));
      expect(unread.every((n) => n === 1)).toBe(true);
      // Written in batches, not one statement per follower nor one for all.
      expect(gate.batches()).toBeGreaterThan(1);
      expect(await server.store.countUnread(poster.user.id)).toBe(0);
    },
    120_000,
  );
});

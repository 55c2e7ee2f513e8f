/**
 * The PostgreSQL store through a database outage, played by cutting a TCP proxy in front of the
 * real server: queries fail as AppError("unavailable"), a dropped idle connection does not crash
 * the process, and once the database is back the same store works again without a restart.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../server/core/app-error.js";
import { newId } from "../../server/core/ids.js";
import { createPostgresStore } from "../../server/store/postgres/postgres-store.js";
import type { Store } from "../../server/store/store.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

const ready = await requireService("PostgreSQL", postgresAvailable);

/** Resolves to the error code the promise rejects with, or "resolved". */
function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

/** Polls pg_stat_activity until a backend of this database waits on a lock; returns its pid. */
async function waitForLockWaiter(client: pg.Client): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("waited in vain for the store's transaction to block on the article lock");
}

describe.skipIf(!ready)("postgres store outage", () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxyTarget: { host: string; port: number };
  let store: Store;
  const dropped: Error[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = new URL(db.url);
    proxyTarget = { host: direct.hostname, port: Number(direct.port || 5432) };
    proxy = await startTcpProxy(proxyTarget);
    const viaProxy = new URL(db.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    store = createPostgresStore(viaProxy.toString(), {
      max: 2,
      onConnectionError: (error) => dropped.push(error),
    });
    await store.migrate();
  });

  afterAll(async () => {
    await store?.close();
    await proxy?.close();
    await db?.drop();
  });

  it("answers unavailable while the database is gone, and recovers by itself", async () => {
    const author = await store.createGuest({
      id: newId(),
      name: "Reader",
      email: null,
      createdAt: new Date().toISOString(),
    });
    const articleId = `outage-${newId()}`;
    const comment = (body: string) =>
      store.insertComment({
        id: newId(),
        articleId,
        parentId: null,
        authorId: author.id,
        body,
        status: "published",
        clientKey: null,
        createdAt: new Date().toISOString(),
      });
    expect((await comment("before")).comment.seq).toBe(1);

    // The pool now holds idle connections; cutting resets them under it.
    await proxy.cut();
    expect(await outcome(store.ping())).toBe("unavailable");
    expect(await outcome(comment("during"))).toBe("unavailable");
    expect(await outcome(store.getArticle(articleId))).toBe("unavailable");

    await proxy.restore();
    await store.ping();
    expect((await comment("after")).comment.seq).toBe(2);
    expect(await store.getArticle(articleId)).toMatchObject({ lastSeq: 2, commentCount: 2 });
    // Every connection error reached the listener instead of crashing the process.
    for (const error of dropped) expect(error).toBeInstanceOf(Error);
  });

  it("fails a transaction whose connection is killed mid-way, then carries on", async () => {
    const author = await store.createGuest({
      id: newId(),
      name: "Reader",
      email: null,
      createdAt: new Date().toISOString(),
    });
    const articleId = `killed-${newId()}`;
    const comment = () =>
      store.insertComment({
        id: newId(),
        articleId,
        parentId: null,
        authorId: author.id,
        body: "hello",
        status: "published",
        clientKey: null,
        createdAt: new Date().toISOString(),
      });
    await comment();
    // Hold the article's row lock so the store's transaction parks on it, mid-transaction.
    const holder = new pg.Client({ connectionString: db.url });
    holder.on("error", () => undefined);
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM articles WHERE id = $1 FOR UPDATE", [articleId]);
      const parked = outcome(comment());
      const pid = await waitForLockWaiter(holder);
      // What an admin shutdown or a failover does to a busy connection (57P01).
      await holder.query("SELECT pg_terminate_backend($1)", [pid]);
      expect(await parked).toBe("unavailable");
      await holder.query("ROLLBACK");
    } finally {
      await holder.end();
    }
    expect((await comment()).comment.seq).toBe(2);
  });

  it("gives up on a database that stops answering (a partition), then recovers", async () => {
    const slowProxy = await startTcpProxy({ host: proxyTarget.host, port: proxyTarget.port });
    const url = new URL(db.url);
    url.hostname = "127.0.0.1";
    url.port = String(slowProxy.port);
    const partitioned = createPostgresStore(url.toString(), { max: 1, queryTimeoutMs: 300 });
    try {
      await partitioned.ping();
      slowProxy.freeze();
      expect(await outcome(partitioned.ping())).toBe("unavailable");
      slowProxy.thaw();
      await partitioned.ping();
    } finally {
      await partitioned.close();
      await slowProxy.close();
    }
  });

  it("answers unavailable when the database was never there", async () => {
    const nowhere = createPostgresStore(`postgres://postgres@127.0.0.1:${proxy.port}/nothing`);
    await proxy.cut();
    try {
      expect(await outcome(nowhere.ping())).toBe("unavailable");
      expect(await outcome(nowhere.migrate())).toBe("unavailable");
    } finally {
      await proxy.restore();
      await nowhere.close();
    }
  });
});

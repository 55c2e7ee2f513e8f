/**
 * Host identities end to end, on SQLite and on PostgreSQL: subs that used to collide get distinct,
 * working users; a host sub shaped like a guest handle leaves guests alone; nothing public carries
 * the sub; and a database written before migration 5 keeps its host users and guests working.
 */
import Database from "better-sqlite3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteMigrations } from "../../server/store/migrations/sqlite/index.js";
import { postgresMigrations } from "../../server/store/migrations/postgres/index.js";
import { api, guest } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);

/** Subs that the old sub-to-handle mapping turned into one handle, pairwise. */
const collidingSubs = [
  "José",
  "Josè",
  "张伟",
  "李娜",
  "alice@example.com",
  "alice+example.com",
  `${"x".repeat(40)}-first`,
  `${"x".repeat(40)}-second`,
];

/** A legacy user row as Parley wrote it before migration 5 (id `sso:<sub>`, handle from sub). */
const legacyUsers = [
  ["sso:guest_100001", "guest_100001", "Legacy Guest-Shaped", "member"],
  ["sso:legacy-mod", "legacy-mod", "Legacy Mod", "moderator"],
] as const;
const legacyComment = "legacy-comment-1";

interface Kind {
  name: string;
  /** A database URL holding the schema before migration 5 plus the legacy rows. */
  legacyDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }>;
  freshDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }>;
}

const legacyInsert = {
  users: `INSERT INTO users (id, handle, name, email, avatar_url, role, created_at)
    VALUES ($1, $2, $3, NULL, NULL, $4, '2026-01-01T00:00:00.000Z')`,
  article: `INSERT INTO articles (id, last_seq, comment_count, created_at)
    VALUES ('legacy', 1, 1, '2026-01-01T00:00:00.000Z')`,
  comment: `INSERT INTO comments (id, article_id, author_id, body, status, seq, created_seq,
    created_at) VALUES ('${legacyComment}', 'legacy', 'sso:legacy-mod', 'from before', 'published',
    1, 1, '2026-01-01T00:00:00.000Z')`,
};

const sqlite: Kind = {
  name: "SQLite",
  async legacyDatabase() {
    const dir = await mkdtemp(join(tmpdir(), "parley-legacy-"));
    const path = join(dir, "parley.db");
    const db = new Database(path);
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    for (const m of sqliteMigrations.filter((m) => m.version < 5)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, "x");
    }
    const positional = (sql: string) => sql.replace(/\$\d/g, "?");
    for (const row of legacyUsers) db.prepare(positional(legacyInsert.users)).run(...row);
    db.exec(legacyInsert.article);
    db.exec(legacyInsert.comment);
    db.close();
    return { url: `sqlite:${path}`, cleanup: () => rm(dir, { recursive: true, force: true }) };
  },
  async freshDatabase() {
    return Promise.resolve({ url: "sqlite::memory:", cleanup: () => Promise.resolve() });
  },
};

const postgres: Kind = {
  name: "PostgreSQL",
  async legacyDatabase() {
    const db: TestDatabase = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      for (const m of postgresMigrations.filter((m) => m.version < 5)) {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations VALUES ($1, $2, 'x')", [
          m.version,
          m.name,
        ]);
      }
      for (const row of legacyUsers) await client.query(legacyInsert.users, [...row]);
      await client.query(legacyInsert.article);
      await client.query(legacyInsert.comment);
    } finally {
      await client.end();
    }
    return { url: db.url, cleanup: () => db.drop() };
  },
  async freshDatabase() {
    const db = await createTestDatabase();
    return { url: db.url, cleanup: () => db.drop() };
  },
};

for (const kind of [sqlite, ...(pgReady ? [postgres] : [])]) {
  describe(`host identities on ${kind.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function start(legacy: boolean): Promise<TestServer> {
      const db = legacy ? await kind.legacyDatabase() : await kind.freshDatabase();
      const server = await startTestServer({
        databaseUrl: db.url,
        env: { SSO_SECRET: SSO_TEST_SECRET },
      });
      cleanups.push(db.cleanup, () => server.stop());
      return server;
    }

    it("gives every formerly colliding sub its own working identity, sub never published", async () => {
      const server = await start(false);
      const authors = [];
      for (const sub of collidingSubs) {
        const token = await ssoToken({ sub, name: "Same Name" });
        // Twice each: the second request must find the same user, not fail on the first.
        for (const body of ["first", "second"]) {
          const res = await api(server.url, "POST", "/api/articles/collide/comments", {
            token,
            body: { body },
          });
          expect(res.status, sub).toBe(201);
          authors.push({ sub, author: res.json.comment.author as Record<string, string> });
        }
      }
      const ids = new Set(authors.map((a) => a.author.id));
      const handles = new Set(authors.map((a) => a.author.handle));
      expect(ids.size).toBe(collidingSubs.length);
      expect(handles.size).toBe(collidingSubs.length);
      for (const { sub, author } of authors) {
        expect(author.id).not.toContain(sub);
        expect(author.handle).not.toContain(sub);
        expect(author.handle).not.toMatch(/^guest_\d+$/);
      }
      const page = await api(server.url, "GET", "/api/articles/collide/comments?limit=100");
      const text = JSON.stringify(page.json);
      for (const sub of collidingSubs) expect(text).not.toContain(sub);
    });

    it("keeps guest handles working after a host sub guest_100001 signs in", async () => {
      const server = await start(false);
      for (const sub of ["guest_100001", "guest_100002", "guest_100003"]) {
        const token = await ssoToken({ sub, name: sub });
        const res = await api(server.url, "POST", "/api/articles/shape/comments", {
          token,
          body: { body: "host" },
        });
        expect(res.status).toBe(201);
        expect(res.json.comment.author.handle).not.toMatch(/^guest_\d+$/);
      }
      const guests = [];
      for (let i = 0; i < 5; i++) guests.push(await guest(server.url, `Guest ${i}`));
      const handles = guests.map((g) => g.user.handle);
      for (const handle of handles) expect(handle).toMatch(/^guest_\d+$/);
      expect(new Set(handles).size).toBe(5);
      const posted = await api(server.url, "POST", "/api/articles/shape/comments", {
        token: guests[0]!.token,
        body: { body: "guest" },
      });
      expect(posted.status).toBe(201);
    });

    it("keeps users written before migration 5: host rows, their comments, and guests", async () => {
      const server = await start(true);
      // The legacy host user whose handle was guest_100001 no longer holds a guest's handle.
      const shaped = (await server.store.getExternalUser("guest_100001"))!;
      expect(shaped.id).toBe("sso:guest_100001");
      expect(shaped.handle).not.toMatch(/^guest_\d+$/);
      // Guests start at guest_100001 on both stores: that number is free again, and later ones work.
      for (let i = 0; i < 3; i++) {
        expect((await guest(server.url, `New ${i}`)).user.handle).toMatch(/^guest_\d+$/);
      }
      // A legacy host user signing in again is the same user, with their comment.
      const token = await ssoToken({ sub: "legacy-mod", name: "Legacy Mod", role: "moderator" });
      const res = await api(server.url, "POST", "/api/articles/legacy/comments", {
        token,
        body: { body: "after the upgrade" },
      });
      expect(res.status).toBe(201);
      expect(res.json.comment.author).toMatchObject({ id: "sso:legacy-mod", handle: "legacy-mod" });
      const queue = await api(server.url, "GET", "/api/moderation/queue", { token });
      expect(queue.status).toBe(200);
      // A new host user whose slug matches a legacy handle gets one of its own.
      const other = await ssoToken({ sub: "someone-else", name: "legacy-mod" });
      const second = await api(server.url, "POST", "/api/articles/legacy/comments", {
        token: other,
        body: { body: "new user" },
      });
      expect(second.status).toBe(201);
      expect(second.json.comment.author.handle).not.toBe("legacy-mod");
      expect(second.json.comment.author.id).not.toBe("sso:legacy-mod");
    });
  });
}

/**
 * Migration 10 rebuilds SQLite's notifications table (to allow type `mention`): rows from before
 * are kept, in order, read state included, and count as already handled by the mailer.
 */
import Database from "better-sqlite3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { sqliteMigrations } from "../../server/store/migrations/sqlite/index.js";
import { createSqliteStore } from "../../server/store/sqlite/sqlite-store.js";

const dir = await mkdtemp(join(tmpdir(), "parley-m10-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

it("keeps existing notifications through the rebuild", async () => {
  const path = join(dir, "p.db");
  const db = new Database(path);
  db.exec(
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  for (const m of sqliteMigrations.filter((m) => m.version < 10)) {
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, "x");
  }
  const t = "2026-01-01T00:00:00.000Z";
  db.exec(`INSERT INTO users (id, handle, name, role, created_at) VALUES ('u1', 'guest_1', 'A', 'guest', '${t}'), ('u2', 'guest_2', 'B', 'guest', '${t}');
    INSERT INTO articles (id, created_at) VALUES ('a', '${t}');
    INSERT INTO comments (id, article_id, author_id, body, status, seq, created_seq, created_at) VALUES ('c1', 'a', 'u2', 'hi', 'published', 1, 1, '${t}');
    INSERT INTO notifications (id, user_id, type, article_id, comment_id, created_at, read_at) VALUES
      ('n1', 'u1', 'reply', 'a', 'c1', '${t}', NULL), ('n2', 'u1', 'comment', 'a', 'c1', '${t}', '${t}');`);
  db.close();
  const store = createSqliteStore(path);
  await store.migrate();
  const list = await store.listNotifications("u1", { unreadOnly: false, limit: 10 });
  expect(list.map((n) => [n.id, n.type, n.readAt])).toEqual([
    ["n2", "comment", t],
    ["n1", "reply", null],
  ]);
  let due = -1;
  await store.mailDueNotifications(
    {
      now: t,
      createdBefore: "2099-01-01T00:00:00.000Z",
      hourlyBefore: t,
      dailyBefore: t,
      limit: 10,
    },
    (rows) => {
      due = rows.length;
      return { outbox: [], handled: [], mailedUsers: [] };
    },
  );
  expect(due).toBe(-1); // no rows: nothing from before email is mailed
  await store.close();
});

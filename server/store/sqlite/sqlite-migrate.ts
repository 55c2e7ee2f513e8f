/**
 * Applies the SQLite migrations not yet applied. Several processes may open one file together (two
 * instances starting, or `parley migrate` next to a running server): the whole run is one
 * BEGIN IMMEDIATE transaction, so the write lock is taken *before* the applied versions are read.
 * A second process waits on busy_timeout, then reads the versions the first one recorded and finds
 * nothing left to do, instead of re-running a migration it read as missing ("table exists").
 * DDL is transactional in SQLite, so a failed step leaves no half-made schema behind.
 */
import type Database from "better-sqlite3";
import { inVersionOrder, type Migration, type MigrationReport } from "../migrations/migration.js";
import { sqliteMigrations } from "../migrations/sqlite/index.js";

/** Applies every migration of `migrations` (default: Parley's) missing from schema_migrations. */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[] = sqliteMigrations,
): MigrationReport {
  const run = db.transaction((): MigrationReport => {
    db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const recorded = db
      .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
      .all()
      .map((r) => r.version);
    const done = new Set(recorded);
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
    );
    const applied: number[] = [];
    for (const m of inVersionOrder(migrations)) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }
    return { applied, version: Math.max(0, ...recorded, ...applied) };
  });
  return run.immediate();
}

/**
 * Applies the PostgreSQL migrations not yet applied. Several instances may start together against
 * one database: the whole run holds a transaction-scoped advisory lock, so one instance migrates
 * while the others wait and then find nothing left to do. DDL is transactional in PostgreSQL, so a
 * failed step leaves no half-made schema behind.
 */
import { postgresMigrations } from "../migrations/postgres/index.js";
import { inVersionOrder, type Migration, type MigrationReport } from "../migrations/migration.js";
import type { Db } from "./postgres-db.js";

/** Names the advisory lock; any instance of any version of Parley takes the same one. */
const lockName = "parley:schema_migrations";

/** Applies every migration of `migrations` (default: Parley's) missing from schema_migrations. */
export function migratePostgres(
  db: Db,
  migrations: readonly Migration[] = postgresMigrations,
): Promise<MigrationReport> {
  return db.transaction(async (tx): Promise<MigrationReport> => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [lockName]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const rows = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const recorded = rows.map((r) => r.version);
    const done = new Set(recorded);
    const applied: number[] = [];
    for (const m of inVersionOrder(migrations)) {
      if (done.has(m.version)) continue;
      await tx.query(m.sql);
      await tx.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        [m.version, m.name, new Date().toISOString()],
      );
      applied.push(m.version);
    }
    return { applied, version: Math.max(0, ...recorded, ...applied) };
  });
}

/** Opens the configured store and brings its schema up to date. */
import type { Logger } from "pino";
import type { Config } from "../config/config.schema.js";
import { createSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

/** The configured store, not yet migrated (`parley migrate` migrates it and reports). */
export async function createStore(database: Config["database"], logger?: Logger): Promise<Store> {
  if (database.kind === "sqlite") return createSqliteStore(database.path);
  // Loaded only when asked for, so the embedded default never loads pg.
  const { createPostgresStore } = await import("./postgres/postgres-store.js");
  return createPostgresStore(database.url, {
    // Idle connections that drop are replaced by the pool; say so once per drop.
    onConnectionError: (err) => logger?.warn({ err }, "postgres connection lost"),
  });
}

/** The configured store with every migration applied (those applied now are logged). */
export async function openStore(database: Config["database"], logger?: Logger): Promise<Store> {
  const store = await createStore(database, logger);
  const report = await store.migrate().catch(async (error: unknown) => {
    await store.close().catch(() => undefined);
    throw error;
  });
  if (report.applied.length > 0) {
    logger?.info({ applied: report.applied, version: report.version }, "schema migrated");
  }
  return store;
}

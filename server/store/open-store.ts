/** Opens the configured store and brings its schema up to date. */
import type { Logger } from "pino";
import type { Config } from "../config/config.schema.js";
import { createSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

export async function openStore(database: Config["database"], logger?: Logger): Promise<Store> {
  let store: Store;
  if (database.kind === "sqlite") {
    store = createSqliteStore(database.path);
  } else {
    // Loaded only when asked for, so the embedded default never loads pg.
    const { createPostgresStore } = await import("./postgres/postgres-store.js");
    store = createPostgresStore(database.url, {
      // Idle connections that drop are replaced by the pool; say so once per drop.
      onConnectionError: (err) => logger?.warn({ err }, "postgres connection lost"),
    });
  }
  await store.migrate();
  return store;
}

/**
 * Stores for the import tests: a SQLite file in a temp folder and, when PostgreSQL is here, a
 * fresh database; both migrated. Plus where the shared reference exports are.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresStore } from "../../server/store/postgres/postgres-store.js";
import { createSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import type { Store } from "../../server/store/store.js";
import { createTestDatabase } from "./postgres.js";

/** The repository's root folder. */
export const repoRoot = new URL("../../", import.meta.url).pathname;

/** A store made for one test file, its DATABASE_URL, and how to dispose of both. */
export interface OpenedStore {
  store: Store;
  databaseUrl: string;
  dispose(): Promise<void>;
}

export async function openSqlite(): Promise<OpenedStore> {
  const dir = await mkdtemp(join(tmpdir(), "parley-import-"));
  const path = join(dir, "parley.db");
  const store = createSqliteStore(path);
  await store.migrate();
  return {
    store,
    databaseUrl: `sqlite:${path}`,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres(): Promise<OpenedStore> {
  const db = await createTestDatabase();
  const store = createPostgresStore(db.url);
  await store.migrate();
  return {
    store,
    databaseUrl: db.url,
    dispose: async () => {
      await store.close();
      await db.drop();
    },
  };
}

/**
 * A file of /work/shared/reference as CI places it: `../shared/reference/<name>` beside the clone
 * (a git worktree sits one folder deeper, hence the second candidate). Null when absent.
 */
export function sharedReference(name: string): string | null {
  for (const base of ["../shared/reference", "../../shared/reference"]) {
    const path = join(repoRoot, base, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** A fixture under tests/fixtures/import. */
export const importFixture = (name: string) => join(repoRoot, "tests/fixtures/import", name);

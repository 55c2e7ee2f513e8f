/**
 * A fresh, empty PostgreSQL database per test file, so files never see each other's rows and may
 * run in parallel. Created through the server's `postgres` database (or whichever one
 * TEST_DATABASE_URL names) and dropped, connections and all, in teardown.
 *
 *   const db = await createTestDatabase();
 *   afterAll(() => db.drop());
 *   const store = createPostgresStore(db.url);
 *
 * Exports here are used by many test files: keep them stable.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "./services.js";

/** A database made for one test file. */
export interface TestDatabase {
  /** Connection string of the new database, for createPostgresStore or a server's DATABASE_URL. */
  url: string;
  /** Drops the database, ending any connection still open to it; safe to call twice. */
  drop: () => Promise<void>;
}

/** Runs one statement on the admin database of TEST_DATABASE_URL. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `parley_test_<random>` on the server of TEST_DATABASE_URL (default local postgres). */
export async function createTestDatabase(): Promise<TestDatabase> {
  // Only [a-z0-9_]: the name is put into SQL as is (identifiers cannot be parameters).
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends connections a test left open instead of failing.
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

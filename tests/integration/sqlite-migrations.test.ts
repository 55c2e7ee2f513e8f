/**
 * The SQLite migration runner: versions applied in order whatever order they are listed in, and
 * several processes migrating one fresh file at once (instances starting together) all succeed,
 * the schema made exactly once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteMigrations } from "../../server/store/migrations/sqlite/index.js";
import { migrateSqlite } from "../../server/store/sqlite/sqlite-migrate.js";
import { waitFor } from "../helpers/clients.js";

const root = new URL("../../", import.meta.url).pathname;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-migrations-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("migrateSqlite", () => {
  it("applies migrations listed out of order in version order, each once", () => {
    const db = new Database(":memory:");
    const later = { version: 2, name: "index", sql: "CREATE INDEX t_a ON t (a);" };
    const first = { version: 1, name: "table", sql: "CREATE TABLE t (a TEXT);" };
    expect(migrateSqlite(db, [later, first])).toEqual({ applied: [1, 2], version: 2 });
    const third = { version: 3, name: "column", sql: "ALTER TABLE t ADD COLUMN b TEXT;" };
    expect(migrateSqlite(db, [third, later, first])).toEqual({ applied: [3], version: 3 });
    expect(migrateSqlite(db, [third, later, first])).toEqual({ applied: [], version: 3 });
    const rows = db.prepare("SELECT version FROM schema_migrations ORDER BY rowid").all();
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    db.close();
  });
});

/** Starts a migrate-when-told child on `file`; resolves once it is ready to be told. */
function startMigrator(file: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "tests/helpers/migrate-when-told.ts", file],
    { cwd: root, stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    child,
    exited,
    output: () => ({ out, err }),
    ready: () => out.startsWith("ready\n"),
  };
}

describe("SQLite migrations from several processes at once", () => {
  it("all succeed on one fresh file, and each version is recorded once", async () => {
    const file = join(dir, "race", "parley.db");
    const migrators = Array.from({ length: 4 }, () => startMigrator(file));
    await waitFor(
      "every migrator opened the file",
      () => migrators.every((m) => m.ready()),
      60_000,
    );
    for (const m of migrators) m.child.stdin?.write("go\n");
    const codes = await Promise.all(migrators.map((m) => m.exited));
    expect(codes, migrators.map((m) => m.output().err).join("\n")).toEqual([0, 0, 0, 0]);
    const reports = migrators.map(
      (m) => JSON.parse(m.output().out.split("\n")[1] ?? "") as { applied: number[] },
    );
    // One process applied everything; the others found nothing left to do.
    expect(reports.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(
      sqliteMigrations.map((m) => m.version).sort((a, b) => a - b),
    );
    const db = new Database(file, { readonly: true });
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    db.close();
    expect(versions).toHaveLength(sqliteMigrations.length);
  });
});

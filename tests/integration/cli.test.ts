/**
 * The `parley` command line (server/cli/): help, strict flags, `migrate` on fresh SQLite and
 * PostgreSQL databases, `sso-token` printing a token the server accepts, `import` of a WordPress
 * fixture into a fresh SQLite file and `export` printing the document. Most cases run the dispatcher in-process; two run the real entry
 * point as a process, for its exit codes.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parleyExportSchema } from "../../server/import/parley-format.js";
import { runCli } from "../../server/cli/run-cli.js";
import { sqliteMigrations } from "../../server/store/migrations/sqlite/index.js";
import { postgresMigrations } from "../../server/store/migrations/postgres/index.js";
import { api, connect } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { SSO_TEST_SECRET } from "../helpers/trust.js";

const root = new URL("../../", import.meta.url).pathname;
const pgReady = await requireService("PostgreSQL", postgresAvailable);

/** Runs the CLI in-process with `env`; resolves with its exit code and what it printed. */
async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Runs the real entry point (server/cli/parley.ts) as a process. */
function parleyProcess(argv: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "server/cli/parley.ts", ...argv],
      { cwd: root, env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const versions = (migrations: { version: number }[]) =>
  migrations.map((m) => m.version).sort((a, b) => a - b);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("parley (the process)", () => {
  it("prints its commands for --help and exits 0", async () => {
    const { code, stdout } = await parleyProcess(["--help"]);
    expect(code).toBe(0);
    for (const name of ["serve", "migrate", "import", "export", "sso-token"]) {
      expect(stdout).toContain(`  ${name} `);
    }
  });

  it("exits 2 naming a mistyped flag, with the command's usage", async () => {
    const { code, stderr, stdout } = await parleyProcess(["migrate", "--dry-rnu"]);
    expect(code).toBe(2);
    expect(stderr).toContain("parley migrate: Unknown option '--dry-rnu'");
    expect(stderr).toContain("usage: parley migrate");
    expect(stdout).toBe("");
  });
});

describe("parley, the dispatcher", () => {
  it("gives every command a --help", async () => {
    for (const name of ["serve", "migrate", "import", "export", "sso-token"]) {
      const { code, stdout } = await cli([name, "--help"]);
      expect(code, name).toBe(0);
      expect(stdout, name).toContain(`parley ${name}`);
    }
  });

  it("refuses an unknown command, a positional argument and a missing command", async () => {
    const unknown = await cli(["migrat"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "migrat"');
    const positional = await cli(["migrate", "now"]);
    expect(positional.code).toBe(2);
    expect(positional.stderr).toContain("Unexpected argument 'now'");
    expect((await cli([])).code).toBe(2);
    expect((await cli(["__proto__"])).code).toBe(2);
  });
});

describe("parley import and export", () => {
  const fixture = join(root, "tests/fixtures/import/themeunittestdata.wordpress.xml");

  it("imports a WordPress export into a fresh SQLite file, then exports it", async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, "imported", "parley.db")}` };
    const first = await cli(
      ["import", "wordpress", fixture, "--article-id", "slug", "--json"],
      env,
    );
    expect(first).toMatchObject({ code: 0, stderr: "" });
    const summary = JSON.parse(first.stdout) as {
      articles: number;
      comments: Record<"published" | "pending" | "removed", number>;
    };
    expect(summary.articles).toBeGreaterThan(0);
    expect(summary.comments.published).toBeGreaterThan(0);
    const again = await cli(["import", "wordpress", fixture, "--article-id=slug", "--json"], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ articles: 0 });

    const exported = await cli(["export"], env);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^exported \d+ articles, \d+ comments, \d+ users\n$/);
    const doc = parleyExportSchema.parse(JSON.parse(exported.stdout));
    const comments = doc.articles.reduce((n, a) => n + a.comments.length, 0);
    const { published, pending, removed } = summary.comments;
    expect(comments).toBe(published + pending + removed);
    // The real entry point writes the same document through the process's stdout.
    const viaProcess = await parleyProcess(["export"], env);
    expect(viaProcess.code).toBe(0);
    expect(viaProcess.stdout).toBe(exported.stdout);
  });

  it("refuses a typo, a missing file argument, an unknown format and a bad rule with exit 2", async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, "refused.db")}` };
    for (const argv of [
      ["import", "wordpress", fixture, "--jsno"],
      ["import", "wordpress"],
      ["import", "blogger", fixture],
      ["import", "wordpress", fixture, "--article-id", "title"],
      ["import", "wordpress", fixture, "extra"],
      ["export", "--pretty"],
      ["export", "now"],
    ]) {
      const { code, stdout, stderr } = await cli(argv, env);
      expect(code, argv.join(" ")).toBe(2);
      expect(stdout, argv.join(" ")).toBe("");
      expect(stderr, argv.join(" ")).toContain(`usage: parley ${argv[0]}`);
    }
  });

  it("fails with exit 1 and one line on a file it cannot read", async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, "missing.db")}` };
    const { code, stderr } = await cli(["import", "disqus", join(dir, "nope.xml")], env);
    expect(code).toBe(1);
    expect(stderr).toBe(`parley import: cannot read ${join(dir, "nope.xml")}\n`);
  });
});

describe("parley migrate", () => {
  it("migrates a fresh SQLite file, then finds nothing to do", async () => {
    const file = join(dir, "fresh", "parley.db");
    const env = { DATABASE_URL: `sqlite:${file}` };
    const first = await cli(["migrate"], env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    const all = versions(sqliteMigrations);
    expect(first.stdout).toBe(
      `sqlite: applied migrations ${all.join(", ")}; schema at version ${all.at(-1)}\n`,
    );
    const again = await cli(["migrate"], env);
    expect(again.stdout).toBe(`sqlite: nothing to apply; schema at version ${all.at(-1)}\n`);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    db.close();
    expect(rows).toEqual(all.map((version) => ({ version })));
  });

  it("exits 2 on a bad environment, naming the variable", async () => {
    const { code, stderr } = await cli(["migrate"], { DATABASE_URL: "mysql://nope" });
    expect(code).toBe(2);
    expect(stderr).toContain("DATABASE_URL");
  });

  describe.skipIf(!pgReady)("on PostgreSQL", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db?.drop());

    it("migrates a fresh database and prints the versions, never the URL", async () => {
      const { code, stdout } = await cli(["migrate"], { DATABASE_URL: db.url });
      expect(code).toBe(0);
      const all = versions(postgresMigrations);
      expect(stdout).toBe(
        `postgres: applied migrations ${all.join(", ")}; schema at version ${all.at(-1)}\n`,
      );
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>(
          "SELECT version FROM schema_migrations ORDER BY version",
        );
        expect(rows.map((r) => r.version)).toEqual(all);
      } finally {
        await client.end();
      }
    });
  });
});

describe("parley sso-token", () => {
  it("prints a token the server accepts", async () => {
    const { code, stdout } = await cli(
      ["sso-token", "--sub", "x", "--name", "y", "--role", "moderator"],
      { SSO_SECRET: SSO_TEST_SECRET },
    );
    expect(code).toBe(0);
    const token = stdout.trim();
    const server = await startTestServer({ env: { SSO_SECRET: SSO_TEST_SECRET } });
    try {
      const queue = await api(server.url, "GET", "/api/moderation/queue", { token });
      expect(queue.status).toBe(200);
      const socket = await connect(server.url, token);
      socket.close();
      expect(await server.store.getExternalUser("x")).toMatchObject({
        name: "y",
        role: "moderator",
      });
    } finally {
      await server.stop();
    }
  });

  it("refuses bad flags and a missing secret with exit 2 and the reason", async () => {
    const base = ["sso-token", "--sub", "x", "--name", "y"];
    const noSecret = await cli(base);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain("SSO_SECRET: not set");
    const env = { SSO_SECRET: SSO_TEST_SECRET };
    for (const extra of [
      ["--role", "admin"],
      ["--ttl", "soon"],
      ["--avatar-url", "ftp://a/b"],
    ]) {
      const { code, stdout } = await cli([...base, ...extra], env);
      expect(code, extra.join(" ")).toBe(2);
      expect(stdout).toBe("");
    }
    expect((await cli(["sso-token", "--name", "y"], env)).stderr).toContain("--sub: required");
    expect((await cli([...base, "--nmae", "z"], env)).stderr).toContain("Unknown option '--nmae'");
  });
});

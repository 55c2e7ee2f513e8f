/**
 * `npm run export` then `npm run import -- parley` into an empty store loses nothing: the second
 * store's export is identical to the first's (SQLite to PostgreSQL when PostgreSQL is here).
 * The export holds no token or secret; users' addresses and host users' subjects are in it, as
 * docs/import.md says, so a host user signing in after the move finds their account again.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import { writeExport } from "../../server/import/export.writer.js";
import { runImport } from "../../server/import/import.runner.js";
import { parleyExportSchema } from "../../server/import/parley-format.js";
import { importParley } from "../../server/import/parley.import.js";
import { wordpressReader } from "../../server/import/wordpress.reader.js";
import type { Store } from "../../server/store/store.js";
import {
  importFixture,
  openPostgres,
  openSqlite,
  type OpenedStore,
  repoRoot,
} from "../helpers/import-stores.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);
const run = promisify(execFile);

async function exportText(store: Store): Promise<string> {
  let text = "";
  await writeExport(store, (chunk) => {
    text += chunk;
    return Promise.resolve();
  });
  return text;
}

/** A store with a bit of everything Parley keeps. */
async function seed(store: Store): Promise<void> {
  const at = (n: number) => new Date(Date.UTC(2025, 5, 1, 12, n)).toISOString();
  const ann = await store.createGuest({
    id: newId(),
    name: "Ann",
    email: "ann@example.org",
    createdAt: at(0),
  });
  await store.createGuest({
    id: newId(),
    name: "Bob who never wrote",
    email: null,
    createdAt: at(1),
  });
  const mod = await store.upsertExternalUser({
    id: "sso:mod-1",
    subject: "mod-1",
    issuedAt: 1_800_000_000,
    name: "Mo Derator",
    email: "mo@news.example",
    avatarUrl: "https://news.example/mo.png",
    role: "moderator",
    createdAt: at(2),
  });
  await store.claimArticlePage("rt-1", { title: "Round trip", url: "https://news.example/rt-1" });
  const post = (
    authorId: string,
    body: string,
    parentId: string | null,
    n: number,
    status: "published" | "pending" = "published",
  ) =>
    store
      .insertComment({
        id: newId(),
        articleId: "rt-1",
        parentId,
        authorId,
        body,
        status,
        clientKey: null,
        createdAt: at(n),
      })
      .then((r) => r.comment);
  const root = await post(ann.id, "First!\n\nWith a second paragraph & <b>no markup</b>.", null, 3);
  const reply = await post(mod.id, "A reply", root.id, 4);
  await post(ann.id, "A reply to the reply", reply.id, 5);
  const edited = await post(ann.id, "Typo", null, 6);
  await store.updateComment({
    id: edited.id,
    body: "Fixed typo",
    editedAt: at(7),
    editedBy: "author",
  });
  await store.updateComment({
    id: reply.id,
    body: "A reply, tidied",
    editedAt: at(7),
    editedBy: "moderator",
  });
  const removed = await post(ann.id, "Regret", root.id, 8);
  await store.updateComment({ id: removed.id, status: "removed" });
  await post(ann.id, "Held for review", null, 9, "pending");
  await store.setVote({ commentId: root.id, userId: mod.id, value: 1, at: at(10) });
  await store.setArticleSettings("rt-2", { closedAt: at(11), moderation: "pre" });
  await runImport({
    store,
    reader: wordpressReader(importFixture("themeunittestdata.wordpress.xml")),
    rule: "id",
  });
}

describe("export and import -- parley", () => {
  let dir: string;
  let source: OpenedStore;
  let target: OpenedStore;
  let exported: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-roundtrip-"));
    source = await openSqlite();
    target = pgReady ? await openPostgres() : await openSqlite();
    await seed(source.store);
    exported = await exportText(source.store);
  });
  afterAll(async () => {
    await source?.dispose();
    await target?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the documented document: every article, comment and user, no secrets", () => {
    const doc = parleyExportSchema.parse(JSON.parse(exported));
    expect(doc.version).toBe(1);
    expect(doc.articles.find((a) => a.id === "rt-2")).toMatchObject({
      closed: true,
      moderation: "pre",
      comments: [],
    });
    const rt1 = doc.articles.find((a) => a.id === "rt-1")!;
    expect(rt1).toMatchObject({ title: "Round trip", url: "https://news.example/rt-1" });
    expect(rt1.comments.map((c) => c.status)).toEqual([
      "published",
      "published",
      "published",
      "published",
      "removed",
      "pending",
    ]);
    expect(rt1.comments[0]).toMatchObject({ score: 1, parentId: null, author: { name: "Ann" } });
    expect(rt1.comments[4]?.body).toBe("");
    expect(doc.articles.reduce((n, a) => n + a.comments.length, 0)).toBe(6 + 29);
    expect(doc.users.map((u) => u.name)).toContain("Bob who never wrote");
    expect(rt1.comments.map((c) => c.editedBy)).toEqual([
      null,
      "moderator",
      null,
      "author",
      null,
      null,
    ]);
    const host = doc.users.find((u) => u.name === "Mo Derator");
    expect(host).toMatchObject({ externalId: "mod-1", claimsIat: 1_800_000_000 });
    expect(doc.users.filter((u) => u.externalId !== null)).toHaveLength(1);
    expect(exported).not.toMatch(/"[a-z_]*(token|secret|password|clientkey|client_key)[a-z_]*":/i);
  });

  it("reads back into an empty store with nothing lost, and adds nothing the second time", async () => {
    const file = join(dir, "export.json");
    await writeFile(file, exported);
    const summary = await importParley(target.store, file);
    expect(summary.comments).toEqual({ published: 30, pending: 4, removed: 1 });
    expect(await exportText(target.store)).toBe(exported);
    const again = await importParley(target.store, file);
    expect(again).toMatchObject({ articles: 0, existing: 6 + 29 });
    expect(await exportText(target.store)).toBe(exported);
    // New guests never get an imported guest's handle.
    const fresh = await target.store.createGuest({
      id: newId(),
      name: "New",
      email: null,
      createdAt: new Date().toISOString(),
    });
    const doc = parleyExportSchema.parse(JSON.parse(exported));
    expect(doc.users.map((u) => u.handle)).not.toContain(fresh.handle);
    // The host user signing in on the new store is the same user, with the same comments.
    const sourceMod = await source.store.getExternalUser("mod-1");
    const moved = await target.store.getExternalUser("mod-1");
    expect(moved?.id).toBe(sourceMod!.id);
    const signedIn = await target.store.upsertExternalUser({
      id: newId(),
      subject: "mod-1",
      issuedAt: 1_800_000_100,
      name: "Mo Derator",
      email: "mo@news.example",
      avatarUrl: null,
      role: "moderator",
      createdAt: new Date().toISOString(),
    });
    expect(signedIn.id).toBe(sourceMod!.id);
  });

  it("refuses a document that is not a Parley export, changing nothing", async () => {
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ version: 2, articles: [], users: [] }));
    const empty = await openSqlite();
    try {
      await expect(importParley(empty.store, file)).rejects.toThrow(/not a Parley export/);
      expect(await empty.store.exportUsers(null, 10)).toEqual([]);
    } finally {
      await empty.dispose();
    }
  });

  it("npm run --silent export prints exactly that document on standard output", async () => {
    const { stdout } = await run("npm", ["run", "--silent", "export"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: source.databaseUrl },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toBe(exported);
  }, 60_000);
});

/**
 * WAL checkpoints run on the store's own thread, not inside a commit: the database file takes the
 * committed pages while the store is open (commits alone would leave them in the WAL, as the
 * in-commit checkpoint is off), and closing the store closes the thread's connection first, so
 * the last close removes the WAL.
 */
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { waitFor } from "../helpers/clients.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-checkpoint-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("SQLite checkpoints", () => {
  it("copies commits into the database file off the commit path, and leaves no WAL on close", async () => {
    const path = join(dir, "parley.db");
    const store = createSqliteStore(path);
    await store.migrate();
    const author = await store.createGuest({
      id: "checkpoint-author",
      name: "Writer",
      email: null,
      createdAt: new Date().toISOString(),
    });
    const before = statSync(path).size;
    for (let i = 0; i < 200; i++) {
      await store.insertComment({
        id: `checkpoint-${i}`,
        articleId: "checkpointed",
        parentId: null,
        authorId: author.id,
        body: `${i} ${"words of a longer comment ".repeat(80)}`,
        status: "published",
        clientKey: null,
        createdAt: new Date().toISOString(),
      });
    }
    // 200 comments of 2 KB are far below the 1,000 pages at which SQLite would checkpoint in a
    // commit (and that is off): only the thread moves them into the file.
    await waitFor("the comments checkpointed", () => statSync(path).size > before + 200_000);
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("refuses a comment by a deleted author inside the transaction, writing nothing", async () => {
    const store = createSqliteStore(join(dir, "deleted.db"));
    await store.migrate();
    try {
      const at = new Date().toISOString();
      const ann = await store.createGuest({ id: "gone", name: "Ann", email: null, createdAt: at });
      await store.deleteUser({
        userId: ann.id,
        mode: "remove",
        name: "Deleted user",
        handle: "deleted_gone",
        at,
      });
      const post = store.insertComment({
        id: "ghost",
        articleId: "ghostly",
        parentId: null,
        authorId: ann.id,
        body: "ghost",
        status: "published",
        clientKey: null,
        createdAt: at,
      });
      await expect(post).rejects.toMatchObject({ code: "unauthorized" });
      expect(await store.getComment("ghost")).toBeNull();
      expect((await store.getArticle("ghostly")).lastSeq).toBe(0);
    } finally {
      await store.close();
    }
  });
});

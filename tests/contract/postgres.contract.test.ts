/**
 * The Store contract against PostgreSQL, on a database made for this file and dropped after it.
 * Plus what only a shared store must survive: several instances writing to one article at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../server/core/app-error.js";
import { newId } from "../../server/core/ids.js";
import { createPostgresStore } from "../../server/store/postgres/postgres-store.js";
import type { Store } from "../../server/store/store.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { describeStoreContract } from "./store.contract.js";

const ready = await requireService("PostgreSQL", postgresAvailable);

describe.skipIf(!ready)("postgres store", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeStoreContract("postgres", () =>
    Promise.resolve({ store: createPostgresStore(db.url), cleanup: () => Promise.resolve() }),
  );

  describe("postgres only", () => {
    it("refuses text PostgreSQL cannot hold (NUL) as invalid_input, taking no seq", async () => {
      const store = createPostgresStore(db.url);
      try {
        await store.migrate();
        const author = await store.createGuest({
          id: newId(),
          name: "Nul",
          email: null,
          createdAt: new Date().toISOString(),
        });
        const articleId = `nul-${newId()}`;
        const error = await store
          .insertComment({
            id: newId(),
            articleId,
            parentId: null,
            authorId: author.id,
            body: "a\u0000b",
            status: "published",
            clientKey: null,
            createdAt: new Date().toISOString(),
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("invalid_input");
        expect((await store.getArticle(articleId)).lastSeq).toBe(0);
      } finally {
        await store.close();
      }
    });
  });

  describe("three instances on one database", () => {
    const instances: Store[] = [];
    let shared: TestDatabase;
    beforeAll(async () => {
      // An empty database of their own, so that their migrations really race.
      shared = await createTestDatabase();
      for (let i = 0; i < 3; i++) instances.push(createPostgresStore(shared.url, { max: 5 }));
      // All three migrate at once, as instances starting together do: the lock serialises them.
      await Promise.all(instances.map((s) => s.migrate()));
    });
    afterAll(async () => {
      await Promise.all(instances.map((s) => s.close()));
      await shared?.drop();
    });

    it("gives 300 concurrent comments on one article 300 unique, gap-free seqs", async () => {
      const articleId = `race-${newId()}`;
      const authors = await Promise.all(
        instances.map((s) =>
          s.createGuest({
            id: newId(),
            name: "Racer",
            email: null,
            createdAt: new Date().toISOString(),
          }),
        ),
      );
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          instances[i % 3]!.insertComment({
            id: newId(),
            articleId,
            parentId: null,
            authorId: authors[i % 3]!.id,
            body: `comment ${i}`,
            status: "published",
            clientKey: `race-key-${i}`,
            createdAt: new Date().toISOString(),
          }),
        ),
      );
      const seqs = results.map((r) => r.comment.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(await instances[0]!.getArticle(articleId)).toMatchObject({
        lastSeq: 300,
        commentCount: 300,
      });
    });

    it("keeps one comment per clientKey when instances race on different articles", async () => {
      const author = await instances[0]!.createGuest({
        id: newId(),
        name: "Twice",
        email: null,
        createdAt: new Date().toISOString(),
      });
      const clientKey = `key-${newId()}`;
      const results = await Promise.all(
        instances.map((s) =>
          s.insertComment({
            id: newId(),
            articleId: `race-${newId()}`,
            parentId: null,
            authorId: author.id,
            body: "once",
            status: "published",
            clientKey,
            createdAt: new Date().toISOString(),
          }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.comment.id)).size).toBe(1);
    });
  });
});

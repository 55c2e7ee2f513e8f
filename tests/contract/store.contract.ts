/**
 * The Store contract: one suite that every Store implementation must pass, word for word (after
 * socket.io's redis-adapter tests, which run one suite against every adapter set-up). The
 * implementation test files only say how to open and clean up a store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { Store } from "../../server/store/store.js";
import { describeBoundsContract } from "./store-bounds.contract.js";
import { describeAccountContract } from "./store-account.contract.js";
import { describeCommentContract } from "./store-comments.contract.js";
import { at, article, guest } from "./store-fixtures.js";
import { describeIdentityContract } from "./store-identities.contract.js";
import { describeImportContract } from "./store-import.contract.js";
import { describeModerationContract } from "./store-moderation.contract.js";
import { describeOutboxContract } from "./store-outbox.contract.js";
import { describePinContract } from "./store-pins.contract.js";
import { describeNotificationContract } from "./store-notifications.contract.js";
import { describeThreadContract } from "./store-threads.contract.js";

/** What an implementation's test file hands the suite: a new store and how to dispose of it. */
export type OpenStore = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

/**
 * Declares the whole contract suite for the store `open` gives. The suite calls migrate() itself,
 * shares the one store between its tests (each test uses its own users and articles) and calls
 * close() and then cleanup() once at the end.
 */
export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    const get = () => {
      if (!store) throw new Error("store not opened");
      return store;
    };

    beforeAll(async () => {
      ({ store, cleanup } = await open());
      await store.migrate();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    describe("lifecycle", () => {
      it("answers ping and migrates again without harm", async () => {
        await get().ping();
        await get().migrate();
        expect((await guest(get())).handle).toMatch(/^guest_\d+$/);
      });
    });

    describe("users", () => {
      it("creates guests with unique guest_<digits> handles", async () => {
        const createdAt = at();
        const first = await get().createGuest({
          id: newId(),
          name: "Mr Bell",
          email: "bell@example.com",
          createdAt,
        });
        expect(first).toMatchObject({
          name: "Mr Bell",
          email: "bell@example.com",
          avatarUrl: null,
          role: "guest",
          createdAt,
        });
        const more = await Promise.all(Array.from({ length: 10 }, () => guest(get())));
        const handles = [first, ...more].map((u) => u.handle);
        for (const handle of handles) expect(handle).toMatch(/^guest_\d+$/);
        expect(new Set(handles).size).toBe(handles.length);
        expect(await get().getUser(first.id)).toEqual(first);
      });

      it("returns null for an unknown user", async () => {
        expect(await get().getUser(`nobody-${newId()}`)).toBeNull();
      });
    });

    describe("articles", () => {
      it("reads an unknown article as all zero", async () => {
        const articleId = article();
        expect(await get().getArticle(articleId)).toEqual({
          articleId,
          commentCount: 0,
          lastSeq: 0,
          moderation: null,
          closedAt: null,
          title: null,
          url: null,
        });
      });

      it("sets settings one at a time, keeping the others", async () => {
        const articleId = article();
        const closedAt = at();
        expect(await get().setArticleSettings(articleId, { moderation: "pre" })).toMatchObject({
          moderation: "pre",
          closedAt: null,
          lastSeq: 0,
        });
        expect(await get().setArticleSettings(articleId, { closedAt })).toMatchObject({
          moderation: "pre",
          closedAt,
        });
        const cleared = await get().setArticleSettings(articleId, { moderation: null });
        expect(cleared).toEqual({
          articleId,
          commentCount: 0,
          lastSeq: 0,
          moderation: null,
          closedAt,
          title: null,
          url: null,
        });
        expect(await get().getArticle(articleId)).toEqual(cleared);
      });

      it("keeps the first page claimed; a moderator's setting replaces it", async () => {
        const articleId = article();
        const first = { title: "Harbour reopens", url: "https://news.example/harbour" };
        expect(await get().claimArticlePage(articleId, first)).toMatchObject(first);
        const later = { title: "Copied elsewhere", url: "https://news.example/copy" };
        expect(await get().claimArticlePage(articleId, later)).toMatchObject(first);
        const renamed = { title: "Harbour reopens at last", url: "https://news.example/h" };
        expect(await get().setArticleSettings(articleId, renamed)).toMatchObject(renamed);
        expect(await get().setArticleSettings(articleId, { moderation: "pre" })).toMatchObject({
          ...renamed,
          moderation: "pre",
        });
        expect(await get().getArticle(articleId)).toMatchObject(renamed);
      });
    });

    describeCommentContract(get);
    describeThreadContract(get);
    describeBoundsContract(get);
    describeNotificationContract(get);
    describeModerationContract(get);
    describeIdentityContract(get);
    describeImportContract(get);
    describeOutboxContract(get);
    describeAccountContract(get);
    describePinContract(get);
  });
}

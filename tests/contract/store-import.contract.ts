/**
 * Store contract, imports and exports: an article's comments written in one transaction with the
 * next seqs and their original times, nothing created twice, nothing kept from a failed batch,
 * and everything read back by the export methods.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { ImportedComment, ImportedUser } from "../../server/store/import-store.js";
import {
  anonymous,
  article,
  at,
  expectAppError,
  type GetStore,
  guest,
  post,
} from "./store-fixtures.js";

function author(fields: Partial<ImportedUser> = {}): ImportedUser {
  return {
    id: `imp_${newId()}`,
    handle: null,
    name: "Imported Ida",
    email: null,
    importedEmail: "ida@example.org",
    avatarUrl: null,
    role: "guest",
    createdAt: "2019-05-01T10:00:00.000Z",
    externalId: null,
    claimsIat: 0,
    ...fields,
  };
}

function comment(authorId: string, fields: Partial<ImportedComment> = {}): ImportedComment {
  return {
    id: `imp_${newId()}`,
    sourceId: `test:${newId()}`,
    parentId: null,
    authorId,
    body: "An old comment",
    status: "published",
    createdAt: "2019-05-02T10:00:00.000Z",
    editedAt: null,
    editedBy: null,
    score: 0,
    ...fields,
  };
}

/** Declares the import/export tests inside the current describe block. */
export function describeImportContract(get: GetStore): void {
  describe("import and export", () => {
    it("writes a thread with its times, statuses, scores and the article's next seqs", async () => {
      const articleId = article();
      const live = await guest(get());
      await post(get(), { articleId, authorId: live.id });
      const ida = author();
      const root = comment(ida.id, { score: 7 });
      const reply = comment(ida.id, { parentId: root.id, createdAt: "2019-05-03T10:00:00.000Z" });
      const deep = comment(ida.id, { parentId: reply.id, status: "pending" });
      const gone = comment(ida.id, { parentId: root.id, status: "removed", body: "secret" });
      const result = await get().importArticle({
        articleId,
        title: "Old post",
        url: "https://news.example/old-post/",
        users: [ida],
        comments: [root, reply, deep, gone],
      });
      expect(result.createdIds).toEqual([root.id, reply.id, deep.id, gone.id]);
      expect(result.existing).toBe(0);
      expect(result.article).toMatchObject({
        lastSeq: 5,
        commentCount: 3,
        title: "Old post",
        url: "https://news.example/old-post/",
      });
      const { changes } = await get().listChanges({
        articleId,
        after: 1,
        limit: 10,
        viewer: anonymous,
      });
      expect(changes.map((c) => [c.id, c.seq])).toEqual([
        [root.id, 2],
        [reply.id, 3],
        [gone.id, 5],
      ]);
      expect(changes[0]).toMatchObject({
        createdAt: root.createdAt,
        score: 7,
        replyCount: 1,
        author: { id: ida.id, name: "Imported Ida" },
      });
      expect(changes[2]).toMatchObject({ status: "removed", body: "" });
      const stored = await get().getUser(ida.id);
      expect(stored).toMatchObject({ role: "guest", email: null });
      expect(stored?.handle).toMatch(/^guest_\d+$/);
    });

    it("creates nothing the second time and no notification at all", async () => {
      const articleId = article();
      const ida = author();
      const parent = await guest(get());
      const parentComment = (await post(get(), { articleId, authorId: parent.id })).comment;
      const batch = {
        articleId,
        title: null,
        url: null,
        users: [ida],
        comments: [comment(ida.id, { parentId: parentComment.id })],
      };
      expect((await get().importArticle(batch)).createdIds).toHaveLength(1);
      const again = await get().importArticle(batch);
      expect(again).toMatchObject({ createdIds: [], existing: 1 });
      expect(again.article).toMatchObject({ lastSeq: 2, commentCount: 2 });
      expect(await get().countUnread(parent.id)).toBe(0);
    });

    it("keeps nothing of a batch whose reply points nowhere", async () => {
      const articleId = article();
      const ida = author();
      const ok = comment(ida.id);
      const orphan = comment(ida.id, { parentId: `missing-${newId()}` });
      await expectAppError(
        get().importArticle({
          articleId,
          title: null,
          url: null,
          users: [ida],
          comments: [ok, orphan],
        }),
        "not_found",
      );
      expect(await get().getComment(ok.id)).toBeNull();
      expect(await get().getUser(ida.id)).toBeNull();
      expect((await get().getArticle(articleId)).lastSeq).toBe(0);
    });

    it("keeps an article's page once set, and takes closedAt and moderation when given", async () => {
      const articleId = article();
      await get().claimArticlePage(articleId, { title: "Live", url: "https://news.example/live" });
      const result = await get().importArticle({
        articleId,
        title: "Imported",
        url: "https://news.example/imported",
        closedAt: "2020-01-01T00:00:00.000Z",
        moderation: "pre",
        users: [],
        comments: [],
      });
      expect(result.article).toMatchObject({
        title: "Live",
        url: "https://news.example/live",
        closedAt: "2020-01-01T00:00:00.000Z",
        moderation: "pre",
      });
    });

    it("keeps an asked-for handle when free, moves guests past it, replaces on importUsers", async () => {
      const number = 900_000_000 + Math.floor(Math.random() * 1_000_000);
      const kept = author({ handle: `guest_${number}` });
      await get().importUsers([kept]);
      expect((await get().getUser(kept.id))?.handle).toBe(`guest_${number}`);
      const clash = author({ handle: `guest_${number}` });
      await get().importUsers([clash]);
      expect((await get().getUser(clash.id))?.handle).not.toBe(`guest_${number}`);
      const next = await guest(get());
      expect(Number(next.handle.slice("guest_".length))).toBeGreaterThan(number);
      await get().importUsers([
        { ...kept, name: "Renamed", role: "moderator", email: "k@example.org" },
      ]);
      expect(await get().getUser(kept.id)).toMatchObject({
        name: "Renamed",
        role: "moderator",
        email: "k@example.org",
        handle: `guest_${number}`,
      });
    });

    it("keeps a host user's external id and claims iat, and who edited a comment", async () => {
      const subject = `host-${newId()}`;
      const host = author({ role: "member", externalId: subject, claimsIat: 1_800_000_000 });
      const edited = comment(host.id, { editedAt: at(), editedBy: "moderator" });
      const articleId = article();
      await get().importArticle({
        articleId,
        title: null,
        url: null,
        users: [host],
        comments: [edited],
      });
      expect((await get().getExternalUser(subject))?.id).toBe(host.id);
      const users = await get().exportUsers(null, 100_000);
      expect(users.find((u) => u.id === host.id)).toMatchObject({
        externalId: subject,
        claimsIat: 1_800_000_000,
      });
      const [exported] = await get().exportComments(articleId, 0, 10);
      expect(exported).toMatchObject({ id: edited.id, editedBy: "moderator" });
      // An older iat never lowers the stored one; another user never takes the subject.
      await get().importUsers([{ ...host, claimsIat: 5 }]);
      const again = await get().exportUsers(null, 100_000);
      expect(again.find((u) => u.id === host.id)?.claimsIat).toBe(1_800_000_000);
      const impostor = author({ role: "member", externalId: subject });
      await get().importUsers([impostor]);
      expect((await get().getExternalUser(subject))?.id).toBe(host.id);
      expect(
        (await get().exportUsers(null, 100_000)).find((u) => u.id === impostor.id),
      ).toMatchObject({
        externalId: null,
      });
    });

    it("exports articles, comments (any status, with source ids) and users in pages", async () => {
      const articleId = article();
      const ida = author();
      const first = comment(ida.id, { status: "pending" });
      const second = comment(ida.id, { parentId: first.id, createdAt: at() });
      await get().importArticle({
        articleId,
        title: "T",
        url: null,
        users: [ida],
        comments: [first, second],
      });
      const page1 = await get().exportComments(articleId, 0, 1);
      expect(page1.map((c) => [c.id, c.status, c.sourceId])).toEqual([
        [first.id, "pending", first.sourceId],
      ]);
      const page2 = await get().exportComments(articleId, page1[0]!.createdSeq, 10);
      expect(page2.map((c) => [c.id, c.parentId])).toEqual([[second.id, first.id]]);
      const articles = await get().exportArticles(null, 100_000);
      expect(articles.find((a) => a.articleId === articleId)).toMatchObject({ title: "T" });
      const afterIt = await get().exportArticles(articleId, 100_000);
      expect(afterIt.every((a) => a.articleId > articleId)).toBe(true);
      const users = await get().exportUsers(null, 100_000);
      expect(users.find((u) => u.id === ida.id)).toMatchObject({
        importedEmail: "ida@example.org",
        email: null,
      });
    });
  });
}

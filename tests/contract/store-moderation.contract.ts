/**
 * Store contract, trust and safety: votes move scores (and `top` order), reports and the
 * reported queue, the pending queue, decisions logged in the comment's own transaction.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { Viewer } from "../../server/store/store.js";
import type { NewModerationLog } from "../../server/store/trust-store.js";
import {
  anonymous,
  article,
  at,
  expectAppError,
  type GetStore,
  guest,
  moderator,
  post,
  viewerOf,
} from "./store-fixtures.js";

function logEntry(
  fields: Partial<NewModerationLog> & { articleId: string; moderatorId: string },
): NewModerationLog {
  return {
    id: newId(),
    commentId: null,
    action: "approve",
    reason: null,
    createdAt: at(),
    ...fields,
  };
}

/** Declares the moderation tests inside the current describe block. */
export function describeModerationContract(get: GetStore): void {
  describe("votes", () => {
    it("keeps one vote per user: set, change (moves by two), remove", async () => {
      const author = await guest(get());
      const [a, b] = [await guest(get()), await guest(get())];
      const articleId = article();
      const { comment } = await post(get(), { articleId, authorId: author.id });
      const vote = (userId: string, value: 1 | -1 | 0) =>
        get().setVote({ commentId: comment.id, userId, value, at: at() });

      expect(await vote(a.id, 1)).toMatchObject({ previous: 0, value: 1, comment: { score: 1 } });
      expect(await vote(a.id, 1)).toMatchObject({ previous: 1, value: 1, comment: { score: 1 } });
      expect(await vote(b.id, 1)).toMatchObject({ comment: { score: 2 } });
      expect(await vote(a.id, -1)).toMatchObject({ previous: 1, comment: { score: 0 } });
      expect(await vote(b.id, 0)).toMatchObject({ previous: 1, value: 0, comment: { score: -1 } });
      expect(await vote(b.id, 0)).toMatchObject({ previous: 0, comment: { score: -1 } });
      const stored = await get().getComment(comment.id);
      // A vote is not a content change: the comment keeps its seq.
      expect(stored).toMatchObject({ score: -1, seq: comment.seq });
      await expectAppError(
        get().setVote({ commentId: `missing-${newId()}`, userId: a.id, value: 1, at: at() }),
        "not_found",
      );
    });

    it("orders sort=top by score", async () => {
      const author = await guest(get());
      const voters = await Promise.all([guest(get()), guest(get()), guest(get())]);
      const articleId = article();
      const low = (await post(get(), { articleId, authorId: author.id, body: "low" })).comment;
      const high = (await post(get(), { articleId, authorId: author.id, body: "high" })).comment;
      const mid = (await post(get(), { articleId, authorId: author.id, body: "mid" })).comment;
      for (const v of voters)
        await get().setVote({ commentId: high.id, userId: v.id, value: 1, at: at() });
      await get().setVote({ commentId: mid.id, userId: voters[0].id, value: 1, at: at() });
      await get().setVote({ commentId: low.id, userId: voters[0].id, value: -1, at: at() });
      const page = await get().listThreads({
        articleId,
        sort: "top",
        limit: 10,
        cursor: null,
        viewer: anonymous,
      });
      expect(page.threads.map((t) => [t.comment.body, t.comment.score])).toEqual([
        ["high", 3],
        ["mid", 1],
        ["low", -1],
      ]);
    });
  });

  describe("reports and the reported queue", () => {
    it("counts one report per user and settles reports with a logged decision", async () => {
      const author = await guest(get());
      const [r1, r2, r3] = [await guest(get()), await guest(get()), await guest(get())];
      const mod = await guest(get(), "Moderator");
      const articleId = article();
      const { comment } = await post(get(), { articleId, authorId: author.id });
      const report = (userId: string, reason: string | null) =>
        get().addReport({ id: newId(), commentId: comment.id, userId, reason, createdAt: at() });

      expect(await report(r1.id, "spam")).toEqual({ created: true, openReports: 1 });
      expect(await report(r1.id, "again")).toEqual({ created: false, openReports: 1 });
      expect(await report(r2.id, null)).toEqual({ created: true, openReports: 2 });
      const queued = await get().listModerationQueue({ queue: "reported", articleId, limit: 10 });
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ openReports: 2, reasons: ["spam"] });
      expect(queued[0]!.comment).toEqual(await get().getComment(comment.id));

      // An approval (logged with the change) settles the reports made before it.
      const approved = await get().updateComment({
        id: comment.id,
        log: logEntry({ articleId, commentId: comment.id, moderatorId: mod.id }),
      });
      expect(approved.comment.status).toBe("published");
      expect(await get().listModerationQueue({ queue: "reported", articleId, limit: 10 })).toEqual(
        [],
      );
      // A later report opens it again.
      expect(await report(r3.id, "still bad")).toEqual({ created: true, openReports: 1 });
      const again = await get().listModerationQueue({ queue: "reported", articleId, limit: 10 });
      expect(again.map((i) => [i.comment.id, i.openReports, i.reasons])).toEqual([
        [comment.id, 1, ["still bad"]],
      ]);
      // Removed comments leave the queue.
      await get().updateComment({ id: comment.id, status: "removed" });
      expect(await get().listModerationQueue({ queue: "reported", articleId, limit: 10 })).toEqual(
        [],
      );
      await expectAppError(
        get().addReport({
          id: newId(),
          commentId: `missing-${newId()}`,
          userId: r1.id,
          reason: null,
          createdAt: at(),
        }),
        "not_found",
      );
    });
  });

  describe("pending queue and log", () => {
    it("lists pending comments oldest first, per article or all", async () => {
      const author = await guest(get());
      const articleId = article();
      const other = article();
      const first = await post(get(), { articleId, authorId: author.id, status: "pending" });
      await post(get(), { articleId, authorId: author.id, status: "published" });
      const second = await post(get(), { articleId, authorId: author.id, status: "pending" });
      const elsewhere = await post(get(), {
        articleId: other,
        authorId: author.id,
        status: "pending",
      });
      const queue = await get().listModerationQueue({ queue: "pending", articleId, limit: 10 });
      expect(queue.map((i) => i.comment.id)).toEqual([first.comment.id, second.comment.id]);
      expect(queue[0]).toMatchObject({ openReports: 0, reasons: [] });
      const limited = await get().listModerationQueue({ queue: "pending", articleId, limit: 1 });
      expect(limited.map((i) => i.comment.id)).toEqual([first.comment.id]);
      const all = await get().listModerationQueue({
        queue: "pending",
        articleId: null,
        limit: 100,
      });
      const ids = all.map((i) => i.comment.id);
      expect(ids).toEqual(expect.arrayContaining([first.comment.id, elsewhere.comment.id]));
      expect(all.every((i) => i.comment.status === "pending")).toBe(true);
    });

    it("hides a rejected held comment from all but its author and moderators", async () => {
      const author = await guest(get());
      const mod = await guest(get(), "Moderator");
      const articleId = article();
      const held = await post(get(), { articleId, authorId: author.id, status: "pending" });
      const shown = await post(get(), { articleId, authorId: author.id });
      await get().updateComment({
        id: held.comment.id,
        status: "removed",
        log: logEntry({
          articleId,
          commentId: held.comment.id,
          moderatorId: mod.id,
          action: "reject:held",
        }),
      });
      await get().updateComment({
        id: shown.comment.id,
        status: "removed",
        log: logEntry({
          articleId,
          commentId: shown.comment.id,
          moderatorId: mod.id,
          action: "remove",
        }),
      });
      const ids = async (viewer: Viewer) => {
        const threads = await get().listThreads({
          articleId,
          sort: "oldest",
          limit: 10,
          cursor: null,
          viewer,
        });
        const changes = await get().listChanges({ articleId, after: 0, limit: 10, viewer });
        return {
          threads: threads.threads.map((t) => t.comment.id),
          changes: changes.changes.map((c) => c.id),
        };
      };
      // A published comment removed keeps its place for everyone; the held one is gone.
      expect(await ids(anonymous)).toEqual({
        threads: [shown.comment.id],
        changes: [shown.comment.id],
      });
      const both = [held.comment.id, shown.comment.id];
      expect(await ids(viewerOf(author))).toEqual({ threads: both, changes: both });
      expect(await ids(moderator)).toEqual({ threads: both, changes: both });
    });

    it("logs decisions with who and when, newest first, with the moderator's name", async () => {
      const author = await guest(get());
      const mod = await guest(get(), "Mod Erator");
      const articleId = article();
      const { comment } = await post(get(), { articleId, authorId: author.id, status: "pending" });
      const decision = logEntry({ articleId, commentId: comment.id, moderatorId: mod.id });
      const result = await get().updateComment({
        id: comment.id,
        status: "published",
        notifyAt: decision.createdAt,
        log: decision,
      });
      expect(result).toMatchObject({ previousStatus: "pending", comment: { status: "published" } });
      const closing = logEntry({ articleId, moderatorId: mod.id, action: "close", reason: "x" });
      await get().logModeration(closing);
      const log = await get().listModerationLog({ articleId, limit: 10 });
      expect(log).toEqual([
        { ...closing, moderatorName: "Mod Erator" },
        { ...decision, moderatorName: "Mod Erator" },
      ]);
      expect(await get().listModerationLog({ articleId, limit: 1 })).toHaveLength(1);
      // A failed change logs nothing: the log row shares the change's transaction.
      await expectAppError(
        get().updateComment({
          id: `missing-${newId()}`,
          status: "removed",
          log: logEntry({ articleId, moderatorId: mod.id, action: "remove" }),
        }),
        "not_found",
      );
      expect(await get().listModerationLog({ articleId, limit: 10 })).toHaveLength(2);
    });
  });
}

/**
 * Store contract, editors' picks: a published comment pins once (a second pin changes nothing),
 * the article's limit holds (also for concurrent pins), removed and pending comments cannot be
 * pinned and drop out of the list, unpinning reports whether there was a pin, and both are logged.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids.js";
import type { NewPin } from "../../server/store/pin-store.js";
import type { ModerationLogAction } from "../../server/store/trust-store.js";
import { article, at, expectAppError, type GetStore, guest, post } from "./store-fixtures.js";

const MAX = 3;

/** Declares the pin tests inside the current describe block. */
export function describePinContract(get: GetStore): void {
  const pin = (articleId: string, commentId: string, moderatorId: string): NewPin => ({
    commentId,
    moderatorId,
    pinnedAt: at(),
    maxPerArticle: MAX,
    log: logOf(articleId, commentId, moderatorId, "pin"),
  });
  const logOf = (
    articleId: string,
    commentId: string,
    moderatorId: string,
    action: ModerationLogAction,
  ) => ({ id: newId(), articleId, commentId, moderatorId, action, reason: null, createdAt: at() });

  /** A fresh article with `count` published comments of one author, and a moderator. */
  const articleWithComments = async (count: number) => {
    const author = await guest(get());
    const mod = await guest(get(), "Mod");
    const articleId = article();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push((await post(get(), { articleId, authorId: author.id })).comment.id);
    }
    return { mod, articleId, ids };
  };

  describe("editors' picks", () => {
    it("pins once, lists oldest pin first, unpins, and logs both", async () => {
      const author = await guest(get());
      const mod = await guest(get(), "Mod");
      const articleId = article();
      const first = (await post(get(), { articleId, authorId: author.id })).comment;
      const second = (await post(get(), { articleId, authorId: author.id })).comment;

      const pinned = await get().pinComment(pin(articleId, second.id, mod.id));
      expect(pinned).toMatchObject({ created: true, comment: { id: second.id } });
      const again = await get().pinComment(pin(articleId, second.id, mod.id));
      expect(again).toMatchObject({ created: false, pinnedAt: pinned.pinnedAt });
      await get().pinComment(pin(articleId, first.id, mod.id));

      const list = await get().listPins(articleId);
      expect(list.map((p) => p.comment.id)).toEqual([second.id, first.id]);
      expect(list[0]).toMatchObject({ pinnedAt: pinned.pinnedAt, comment: { body: "A comment" } });
      // A pin takes no seq: it is not a content change.
      expect((await get().getComment(second.id))?.seq).toBe(second.seq);

      const log = logOf(articleId, second.id, mod.id, "unpin");
      expect(await get().unpinComment(second.id, log)).toEqual({ articleId });
      expect(
        await get().unpinComment(second.id, logOf(articleId, second.id, mod.id, "unpin")),
      ).toBeNull();
      expect((await get().listPins(articleId)).map((p) => p.comment.id)).toEqual([first.id]);

      const actions = (await get().listModerationLog({ articleId, limit: 10 })).map(
        (e) => e.action,
      );
      // Two pins and one unpin: the repeated pin and the unpin of nothing wrote no row.
      expect(actions.sort()).toEqual(["pin", "pin", "unpin"]);
    });

    it("refuses a pin past the limit, and counts only published comments (hostile)", async () => {
      const { mod, articleId, ids } = await articleWithComments(MAX + 1);
      for (const id of ids.slice(0, MAX)) await get().pinComment(pin(articleId, id, mod.id));
      await expectAppError(get().pinComment(pin(articleId, ids[MAX]!, mod.id)), "conflict");
      expect(await get().listPins(articleId)).toHaveLength(MAX);

      // A removed pinned comment leaves the list and frees its place, even before it is unpinned.
      await get().updateComment({ id: ids[0]!, status: "removed" });
      expect((await get().listPins(articleId)).map((p) => p.comment.id)).not.toContain(ids[0]);
      await get().pinComment(pin(articleId, ids[MAX]!, mod.id));
      expect(await get().listPins(articleId)).toHaveLength(MAX);
    });

    it("lets only one of many concurrent pins take the last place", async () => {
      const { mod, articleId, ids } = await articleWithComments(MAX + 4);
      const results = await Promise.allSettled(
        ids.map((id) => get().pinComment(pin(articleId, id, mod.id))),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX);
      expect(await get().listPins(articleId)).toHaveLength(MAX);
    });

    it("refuses to pin a removed, pending or missing comment (hostile)", async () => {
      const author = await guest(get());
      const mod = await guest(get(), "Mod");
      const articleId = article();
      const removed = (await post(get(), { articleId, authorId: author.id })).comment;
      await get().updateComment({ id: removed.id, status: "removed" });
      const pending = (await post(get(), { articleId, authorId: author.id, status: "pending" }))
        .comment;
      await expectAppError(get().pinComment(pin(articleId, removed.id, mod.id)), "conflict");
      await expectAppError(get().pinComment(pin(articleId, pending.id, mod.id)), "conflict");
      await expectAppError(
        get().pinComment(pin(articleId, `missing-${newId()}`, mod.id)),
        "not_found",
      );
      expect(await get().listPins(articleId)).toEqual([]);
      expect(await get().listModerationLog({ articleId, limit: 10 })).toEqual([]);
    });
  });
}

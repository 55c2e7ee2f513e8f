/**
 * The thread holding a comment, for deep links (`#parley-comment-<id>`): the embed asks for it
 * when the comment is not on the pages it loaded. Answers the root and its replies in the same
 * bounded Thread shape as a threads page (`moreReplies`, `repliesCursor`), so the embed merges
 * it like any other thread and "Show more replies" goes on from where it ends.
 */
import { limits } from "../../shared/limits.js";
import type { Article, Comment, Thread } from "../../shared/schemas.js";
import { stripPrivate } from "../store/rows.js";
import type { CommentRecord, ReplyList, Store, Viewer } from "../store/store.js";
import { articleOf } from "./article-view.js";
import { encodeRepliesCursor } from "./cursor.js";
import { AppError } from "../core/app-error.js";

/** Replies read per step while looking for the linked one. */
const STEP = 100;

/** Pending comments are for their author and moderators only. */
function canSee(comment: CommentRecord, viewer: Viewer): boolean {
  return comment.status !== "pending" || viewer.moderator || comment.author.id === viewer.userId;
}

/**
 * The root's replies from the first, far enough to hold `target`, all within one answer's byte
 * bound. A reply too deep in a huge thread for that starts the window at the reply itself
 * instead: the earlier ones are not shown, and "Show more replies" continues after the window.
 */
async function repliesReaching(
  store: Store,
  root: CommentRecord,
  target: CommentRecord,
  viewer: Viewer,
): Promise<ReplyList> {
  const replies: Comment[] = [];
  let after = root.createdSeq;
  let budget = limits.responseMaxBytes / 2;
  let bytes = 0;
  for (;;) {
    const page = await store.listReplies({
      rootId: root.id,
      after,
      limit: STEP,
      viewer,
      maxBytes: budget,
    });
    replies.push(...page.replies);
    budget -= page.bytes;
    bytes += page.bytes;
    const reached = target.id === root.id || replies.some((r) => r.id === target.id);
    if (page.repliesAfter === null || (reached && replies.length >= limits.threadRepliesLimit)) {
      return { replies, repliesAfter: page.repliesAfter, bytes };
    }
    if (budget <= 0 || page.replies.length === 0) break;
    after = page.repliesAfter;
  }
  return store.listReplies({
    rootId: root.id,
    after: target.createdSeq - 1,
    limit: limits.threadRepliesLimit,
    viewer,
  });
}

/** `GET /api/comments/:id/thread` -> `{ articleId, commentId, article, thread }` (and the bytes
 * read, for its charge). */
export async function threadOfComment(
  store: Store,
  viewer: Viewer,
  commentId: string,
): Promise<{
  articleId: string;
  commentId: string;
  article: Article;
  thread: Thread;
  /** What the replies read measured: the read is charged by it (not sent). */
  bytes: number;
}> {
  const comment = await store.getComment(commentId);
  if (!comment || !canSee(comment, viewer)) throw new AppError("not_found", "No such comment");
  const root = comment.rootId ? await store.getComment(comment.rootId) : comment;
  if (!root || !canSee(root, viewer)) throw new AppError("not_found", "No such comment");
  const [list, article] = await Promise.all([
    repliesReaching(store, root, comment, viewer),
    store.getArticle(comment.articleId),
  ]);
  const thread: Thread = {
    comment: stripPrivate(root),
    replies: list.replies,
    // The root's replyCount counts its published descendants: what is left after this window.
    moreReplies:
      list.repliesAfter === null ? 0 : Math.max(1, root.replyCount - list.replies.length),
    repliesCursor:
      list.repliesAfter === null ? null : encodeRepliesCursor(root.id, list.repliesAfter),
  };
  return {
    articleId: comment.articleId,
    commentId,
    article: articleOf(article),
    thread,
    bytes: list.bytes,
  };
}

/**
 * The thread holding a comment, for deep links (`#parley-comment-<id>`): the embed asks for it
 * when the comment is not on the pages it loaded. Answers the root and its replies in the same
 * Thread shape as a threads page, so the embed merges it like any other thread.
 */
import type { Article, Thread } from "../../shared/schemas.js";
import type { CommentRecord, Store, Viewer } from "../store/store.js";
import { articleOf } from "./article-view.js";
import { AppError } from "./errors.js";

/** Pending comments are for their author and moderators only. */
function canSee(comment: CommentRecord, viewer: Viewer): boolean {
  return comment.status !== "pending" || viewer.moderator || comment.author.id === viewer.userId;
}

/** `GET /api/comments/:id/thread` -> `{ articleId, commentId, article, thread }`. */
export async function threadOfComment(
  store: Store,
  viewer: Viewer,
  commentId: string,
): Promise<{ articleId: string; commentId: string; article: Article; thread: Thread }> {
  const comment = await store.getComment(commentId);
  if (!comment || !canSee(comment, viewer)) throw new AppError("not_found", "No such comment");
  const [thread, article] = await Promise.all([
    store.getThread(comment.rootId ?? comment.id, viewer),
    store.getArticle(comment.articleId),
  ]);
  if (!thread || !canSee({ ...comment, ...thread.comment, rootId: null }, viewer))
    throw new AppError("not_found", "No such comment");
  return { articleId: comment.articleId, commentId, article: articleOf(article), thread };
}

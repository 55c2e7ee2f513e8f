/** An article as the wire shows it: threads pages, join answers, notifications, queues. */
import type { Article, Notification, NotificationArticle } from "../../shared/schemas.js";
import type { ArticleRecord, Store } from "../store/store.js";

/** `Article = { id, title, url, closed }` */
export function articleOf(record: ArticleRecord): Article {
  return {
    id: record.articleId,
    title: record.title,
    url: record.url,
    closed: record.closedAt !== null,
  };
}

/** `{ id, title, url }`, as a notification carries it. */
function notificationArticleOf(record: ArticleRecord): NotificationArticle {
  return { id: record.articleId, title: record.title, url: record.url };
}

/**
 * Adds each item's article ({ id, title, url }), reading each distinct article once: a page of
 * notifications or queue items names few articles, and the rows stay free of the join.
 */
export async function withArticles<T extends { articleId: string }>(
  store: Store,
  items: T[],
): Promise<(T & { article: NotificationArticle })[]> {
  const ids = [...new Set(items.map((i) => i.articleId))];
  const records = await Promise.all(ids.map((id) => store.getArticle(id)));
  const byId = new Map(records.map((r) => [r.articleId, notificationArticleOf(r)]));
  return items.map((i) => ({ ...i, article: byId.get(i.articleId)! }));
}

/** A notification with its article, from the article record at hand (live fan-out). */
export function notificationWithArticle(
  notification: Notification,
  article: ArticleRecord,
): Notification {
  return { ...notification, article: notificationArticleOf(article) };
}

/**
 * Domain events, raised after a commit. The realtime fan-out is one listener among possible others
 * (metrics, webhooks): the services never know who listens.
 */
import type { CommentStatus } from "../../shared/schemas.js";
import type {
  ArticleRecord,
  CommentRecord,
  CreatedNotification,
  UserRecord,
} from "../store/store.js";

export interface DomainEventMap {
  "comment.created": {
    comment: CommentRecord;
    article: ArticleRecord;
    notifications: CreatedNotification[];
    /** false: nobody but the author followed the article with `all` at the commit (see store). */
    followed?: boolean;
  };
  "comment.updated": {
    comment: CommentRecord;
    previousStatus: CommentStatus;
    article: ArticleRecord;
    notifications: CreatedNotification[];
  };
  /** A user's role, name or avatar changed (a host sign-in said so): their open sockets follow. */
  "user.changed": { user: UserRecord };
  /** A batch of followers' notifications, written after the comment's commit (subscriber-fanout.ts). */
  "notifications.created": { notifications: CreatedNotification[] };
  /** An account was deleted: its open sockets are disconnected on every instance. */
  "user.deleted": { userId: string };
  "notifications.read": { userId: string; ids: string[] | null; unreadCount: number };
  /** A vote changed a comment's score (votes take no seq). */
  /** A moderator closed or reopened an article. */
  "article.closed": { article: ArticleRecord };
  "comment.voted": { articleId: string; commentId: string; score: number };
  /** A reader reported a published comment; it is (again) in the reported queue. */
  "comment.reported": { comment: CommentRecord; openReports: number; reason: string | null };
  /** A moderator pinned a published comment to the top of its article (editors' picks). */
  "comment.pinned": { comment: CommentRecord; pinnedAt: string };
  /** A pin ended: a moderator unpinned it, or the comment left the public thread. */
  "comment.unpinned": { articleId: string; commentId: string };
  /** A moderator decided about a comment (after the change and its log row committed). */
  "moderation.decided": {
    action: "approve" | "reject" | "remove";
    comment: CommentRecord;
    moderatorId: string;
    decidedAt: string;
  };
}

type Listener<K extends keyof DomainEventMap> = (event: DomainEventMap[K]) => void;

/** A tiny typed bus. A throwing listener is reported, never allowed to undo the committed change. */
export class DomainEvents {
  readonly #listeners = new Map<keyof DomainEventMap, Listener<never>[]>();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void) {}

  on<K extends keyof DomainEventMap>(name: K, listener: Listener<K>): void {
    const list = this.#listeners.get(name) ?? [];
    list.push(listener);
    this.#listeners.set(name, list);
  }

  emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as Listener<K>)(event);
      } catch (error) {
        this.onListenerError(error, name);
      }
    }
  }
}

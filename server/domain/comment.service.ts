/**
 * The one way comments are written and read: REST routes and socket handlers both call this
 * service, so parsing aside, a comment takes the same path whichever door it came through.
 */
import { limits } from "../../shared/limits.js";
import type { Comment, Sort, ThreadPage } from "../../shared/schemas.js";
import { stripPrivate } from "../store/rows.js";
import type { ArticleRecord, CommentRecord, Store, ThreadCursor, Viewer } from "../store/store.js";
import { type Actor, isModerator } from "./auth.service.js";
import type { Clock } from "./clock.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import type { DomainEvents } from "./domain-events.js";
import { type PageClaim, trustedOriginsFor, verifyPage } from "./article-page.rules.js";
import { articleOf } from "./article-view.js";
import { AppError } from "./errors.js";
import { createFirstPageCache } from "./first-page.cache.js";
import { newId } from "./ids.js";
import { threadOfComment } from "./thread-lookup.js";
import { decideNewComment, findBannedWords, type ModerationSettings } from "./moderation.rules.js";
import type { RateLimits } from "./rate-limits.js";

export interface CommentServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  limits: RateLimits;
  editWindowMs: number;
  moderation: Omit<ModerationSettings, "articleMode">;
  /** ALLOWED_ORIGINS: pages on these origins (and the server's own) may name an article. */
  allowedOrigins: readonly string[];
  /** Told how long each new comment took from arriving here to its commit, in seconds. */
  observePostCommit?: (seconds: number) => void;
}

export interface PostInput {
  articleId: string;
  body: string;
  parentId?: string | null | undefined;
  clientKey?: string | undefined;
  /** The page the embed runs on; kept as the article's page if it has none yet and it verifies. */
  page?: PageClaim | null | undefined;
  /** The request's Host: the server's own origin, as the client reached it. */
  host?: string | undefined;
}

export function viewerOf(actor: Actor | null): Viewer {
  return { userId: actor?.user.id ?? null, moderator: isModerator(actor) };
}

function canSee(comment: CommentRecord, viewer: Viewer): boolean {
  return comment.status !== "pending" || viewer.moderator || comment.author.id === viewer.userId;
}

export function createCommentService(deps: CommentServiceDeps) {
  const { store, clock, events } = deps;

  async function requireComment(id: string, actor: Actor | null): Promise<CommentRecord> {
    const comment = await store.getComment(id);
    if (!comment || !canSee(comment, viewerOf(actor)))
      throw new AppError("not_found", "No such comment");
    return comment;
  }

  /** Everything after `after`, in seq order: what a reconnecting reader missed. */
  async function changes(actor: Actor | null, articleId: string, after: number, limit: number) {
    const [article, page] = await Promise.all([
      store.getArticle(articleId),
      store.listChanges({ articleId, after, limit, viewer: viewerOf(actor) }),
    ]);
    return { articleId, lastSeq: article.lastSeq, commentCount: article.commentCount, ...page };
  }

  /**
   * Keeps the page an embed reported as the article's, the first time one verifies. Once an
   * article has a URL this costs nothing (no write): the first verified value wins.
   */
  async function claimPage(
    article: ArticleRecord,
    claim: PageClaim | null | undefined,
    host: string | undefined,
  ): Promise<ArticleRecord> {
    if (article.url !== null || !claim) return article;
    const page = verifyPage(claim, trustedOriginsFor(deps.allowedOrigins, host));
    return page ? store.claimArticlePage(article.articleId, page) : article;
  }

  const pages = createFirstPageCache(events, { maxAgeMs: 2_000, maxEntries: 1_000 });

  /**
   * An anonymous reader's first page, from the cache while the article is unchanged. The article
   * is read before the threads, so the page holds at least everything up to its lastSeq.
   */
  async function firstPage(articleId: string, sort: Sort, limit: number) {
    const article = await store.getArticle(articleId);
    // Freshness is a cache concern, not a rule: real elapsed time, whatever the domain clock says.
    const now = performance.now();
    const cached = pages.get(articleId, sort, limit, article.lastSeq, now);
    if (cached) return [article, cached] as const;
    const viewer: Viewer = { userId: null, moderator: false };
    const list = await store.listThreads({ articleId, sort, limit, cursor: null, viewer });
    pages.set(articleId, sort, limit, article.lastSeq, now, list);
    return [article, list] as const;
  }

  return {
    /** Posts a comment; with a clientKey seen before, answers the first comment and creates nothing. */
    async post(
      actor: Actor | null,
      input: PostInput,
      ip: string,
    ): Promise<{ comment: Comment; created: boolean }> {
      if (!actor) throw new AppError("unauthorized", "Sign in or choose a name to comment");
      const arrived = performance.now();
      await deps.limits.commentsPerUser.consume(actor.user.id);
      await deps.limits.commentsPerIp.consume(ip);
      const article = await store.getArticle(input.articleId);
      if (article.closedAt !== null)
        throw new AppError("conflict", "This article is closed to new comments");
      await claimPage(article, input.page, input.host);
      const parentId = input.parentId ?? null;
      if (parentId !== null) {
        const parent = await requireComment(parentId, actor);
        if (parent.articleId !== input.articleId) {
          throw new AppError("not_found", "The comment replied to is not on this article");
        }
        if (parent.status === "removed")
          throw new AppError("conflict", "The comment replied to was removed");
      }
      const verdict = decideNewComment(
        input.body,
        { ...deps.moderation, articleMode: article.moderation },
        isModerator(actor),
      );
      if (verdict.action === "reject") throw new AppError("invalid_input", verdict.reason);
      const result = await store.insertComment({
        id: newId(),
        articleId: input.articleId,
        parentId,
        authorId: actor.user.id,
        body: input.body,
        status: verdict.action === "hold" ? "pending" : "published",
        clientKey: input.clientKey ?? null,
        createdAt: clock.now().toISOString(),
      });
      // A clientKey names one post of one user; reusing it for another article is a client bug,
      // not a retry, so it must not answer with a comment from elsewhere.
      if (!result.created && result.comment.articleId !== input.articleId) {
        throw new AppError(
          "conflict",
          "This clientKey was already used for a comment on another article",
        );
      }
      if (result.created) {
        deps.observePostCommit?.((performance.now() - arrived) / 1000);
        events.emit("comment.created", {
          comment: result.comment,
          article: result.article,
          notifications: result.notifications,
        });
      }
      return { comment: stripPrivate(result.comment), created: result.created };
    },

    /** The author may edit within the edit window; moderators at any time. */
    async edit(actor: Actor | null, id: string, body: string): Promise<Comment> {
      if (!actor) throw new AppError("unauthorized", "Sign in to edit");
      const comment = await requireComment(id, actor);
      const isAuthor = comment.author.id === actor.user.id;
      if (!isAuthor && !isModerator(actor))
        throw new AppError("forbidden", "Only the author may edit this comment");
      if (comment.status === "removed")
        throw new AppError("conflict", "A removed comment cannot be edited");
      // Holding an edit would hide an already public comment: banned words in an edit are refused.
      if (!isModerator(actor) && findBannedWords(body, deps.moderation.bannedWords).length > 0)
        throw new AppError("invalid_input", "The comment contains words this site does not allow");
      const age = clock.now().getTime() - Date.parse(comment.createdAt);
      if (!isModerator(actor) && age > deps.editWindowMs) {
        throw new AppError("conflict", "The edit window for this comment has closed");
      }
      const result = await store.updateComment({ id, body, editedAt: clock.now().toISOString() });
      events.emit("comment.updated", result);
      return stripPrivate(result.comment);
    },

    /** The author or a moderator removes a comment; it keeps its place with an empty body. */
    async remove(actor: Actor | null, id: string): Promise<Comment> {
      if (!actor) throw new AppError("unauthorized", "Sign in to remove");
      const comment = await requireComment(id, actor);
      if (comment.author.id !== actor.user.id && !isModerator(actor)) {
        throw new AppError("forbidden", "Only the author or a moderator may remove this comment");
      }
      if (comment.status === "removed") return stripPrivate(comment);
      // A moderator removing someone else's comment is a moderation decision: logged with it.
      const decidedAt = clock.now().toISOString();
      const byModerator = comment.author.id !== actor.user.id;
      const result = await store.updateComment({
        id,
        status: "removed",
        ...(byModerator
          ? {
              log: {
                id: newId(),
                articleId: comment.articleId,
                commentId: id,
                moderatorId: actor.user.id,
                action: comment.status === "pending" ? "remove:held" : "remove",
                reason: null,
                createdAt: decidedAt,
              },
            }
          : {}),
      });
      events.emit("comment.updated", result);
      if (byModerator) {
        events.emit("moderation.decided", {
          action: "remove",
          comment: result.comment,
          moderatorId: actor.user.id,
          decidedAt,
        });
      }
      return stripPrivate(result.comment);
    },

    async threads(
      actor: Actor | null,
      articleId: string,
      query: { sort: Sort; limit: number; cursor?: string | undefined },
    ): Promise<ThreadPage> {
      let cursor: ThreadCursor | null = null;
      if (query.cursor !== undefined) {
        cursor = decodeCursor(query.cursor, query.sort);
        if (!cursor) {
          throw new AppError("invalid_input", "Invalid cursor", {
            details: [{ path: "cursor", message: "is not a cursor of this listing" }],
          });
        }
      }
      const [article, list] =
        actor === null && cursor === null
          ? await firstPage(articleId, query.sort, query.limit)
          : await Promise.all([
              store.getArticle(articleId),
              store.listThreads({
                articleId,
                sort: query.sort,
                limit: query.limit,
                cursor,
                viewer: viewerOf(actor),
              }),
            ]);
      return {
        articleId,
        commentCount: article.commentCount,
        lastSeq: article.lastSeq,
        serverTime: clock.now().toISOString(),
        threads: list.threads,
        nextCursor: list.nextCursor ? encodeCursor(list.nextCursor, query.sort) : null,
        closed: article.closedAt !== null,
        article: articleOf(article),
      };
    },

    /**
     * An article's state for a joining reader, with what it missed when it says what it has, and
     * the article's page (claimed from `page` if it has none yet).
     */
    async join(
      actor: Actor | null,
      articleId: string,
      after: number | undefined,
      claim?: { page: PageClaim | null | undefined; host: string | undefined },
    ) {
      const [read, missed] = await Promise.all([
        store.getArticle(articleId),
        after === undefined
          ? { changes: [], hasMore: false }
          : store.listChanges({
              articleId,
              after,
              limit: limits.changesMaxLimit,
              viewer: viewerOf(actor),
            }),
      ]);
      const article = claim ? await claimPage(read, claim.page, claim.host) : read;
      return {
        articleId,
        commentCount: article.commentCount,
        lastSeq: article.lastSeq,
        serverTime: clock.now().toISOString(),
        changes: missed.changes,
        hasMore: missed.hasMore,
        article: articleOf(article),
      };
    },

    changes,
    /** The thread holding a comment (deep links); see thread-lookup.ts. */
    thread: (actor: Actor | null, id: string) => threadOfComment(store, viewerOf(actor), id),
  };
}

export type CommentService = ReturnType<typeof createCommentService>;

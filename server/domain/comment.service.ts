/**
 * The one way comments are written and read: REST routes and socket handlers both call this
 * service, so parsing aside, a comment takes the same path whichever door it came through.
 */
import { limits } from "../../shared/limits.js";
import type { Comment, RepliesPage, Sort, ThreadPage } from "../../shared/schemas.js";
import { defaultMaxBytes } from "../store/byte-cut.js";
import { stripPrivate } from "../store/rows.js";
import {
  ArticleChanged,
  type ArticleRecord,
  type CommentRecord,
  type Store,
  type ThreadCursor,
  type ThreadList,
  type Viewer,
} from "../store/store.js";
import { createArticleSettingsCache } from "./article-settings.cache.js";
import { type Actor, isModerator } from "./auth.service.js";
import type { Clock } from "./clock.js";
import { decodeCursor, decodeRepliesCursor, encodeCursor, encodeRepliesCursor } from "./cursor.js";
import type { DomainEvents } from "./domain-events.js";
import { type PageClaim, trustedOriginsFor, verifyPage } from "./article-page.rules.js";
import { articleOf } from "./article-view.js";
import { AppError } from "../core/app-error.js";
import { type CachedPage, createFirstPageCache } from "./first-page.cache.js";
import { newId } from "../core/ids.js";
import type { PinnedList, PinnedReader } from "./pinned.reader.js";
import { decideEdit, decideNewComment, type ModerationSettings } from "./moderation.rules.js";
import { resolveMentions } from "./mentions.resolve.js";
import { threadOfComment } from "./thread-lookup.js";
import type { RateLimits } from "./rate-limits.js";
import { createReadBudget, type Payer } from "./read-budget.js";
import { noWebhooks, type WebhookOutbox } from "./webhook.events.js";
import type { ReadGate } from "./read-gate.js";
import { createReadCoalescer } from "./read.coalescer.js";

export interface CommentServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  limits: RateLimits;
  editWindowMs: number;
  moderation: Omit<ModerationSettings, "articleMode">;
  /** Client reads of the store pass through it (server/domain/read-gate.ts). */
  readGate: ReadGate;
  /** Bytes of anonymous first pages kept (FIRST_PAGE_CACHE_BYTES). */
  firstPageCacheBytes: number;
  /** ALLOWED_ORIGINS: pages on these origins (and the server's own) may name an article. */
  allowedOrigins: readonly string[];
  /** PUBLIC_URL's origin, when set: the server's own origin, not whatever a request's Host says. */
  publicOrigin?: string | null;
  /** Told how long each new comment took from arriving here to its commit, in seconds. */
  observePostCommit?: (seconds: number) => void;
  /** Webhook rows written with each change (none when no URL is configured). */
  webhooks?: WebhookOutbox;
  /** Editors' picks for first pages; none: first pages carry no `pinned`. */
  pinned?: PinnedReader;
  /** Told each time a read is answered from an identical one asked together (a read saved). */
  onReadShared?: (read: "changes" | "article") => void;
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

function viewerOf(actor: Actor | null): Viewer {
  return { userId: actor?.user.id ?? null, moderator: isModerator(actor) };
}

/**
 * An edit's time, strictly after the previous edit's: `editedAt` names the version a moderator
 * approves, so two edits in one millisecond must not share it.
 */
export function editTime(now: Date, previous: string | null): string {
  const after = previous === null ? -Infinity : Date.parse(previous) + 1;
  return new Date(Math.max(now.getTime(), after)).toISOString();
}

/** The default `announce` of a post: raise the event as soon as the comment is committed. */
function runNow(raise: () => void): void {
  raise();
}

/**
 * Readers whose catch-up answers are identical share a key: pending comments are seen by their
 * author and by moderators only, so anonymous readers share one, moderators one, and a signed-in
 * reader shares only with their own other tabs.
 */
function changesKey(articleId: string, after: number, limit: number, viewer: Viewer): string {
  const who = viewer.moderator ? "moderator" : (viewer.userId ?? "");
  return JSON.stringify(["changes", articleId, after, limit, who]);
}

function canSee(comment: CommentRecord, viewer: Viewer): boolean {
  return comment.status !== "pending" || viewer.moderator || comment.author.id === viewer.userId;
}

export function createCommentService(deps: CommentServiceDeps) {
  const { store, clock, events } = deps;
  const webhooks = deps.webhooks ?? noWebhooks;

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

  const budget = createReadBudget(deps.limits);
  // Catch-up reads asked together (readers of a stopped instance coming back) share one read.
  const sharedChanges = createReadCoalescer({ onShared: () => deps.onReadShared?.("changes") });
  const sharedArticles = createReadCoalescer({ onShared: () => deps.onReadShared?.("article") });
  // Posts skip the article read when it is cached; the write checks the guess (see the file).
  const postedArticles = createArticleSettingsCache();
  events.on("article.closed", ({ article }) => postedArticles.drop(article.articleId));

  /**
   * Runs a client's store read: charged to `payer` (refused up front when its budget is spent,
   * before it takes a place in the gate) and run through the read gate, so however many arrive
   * together the event loop serves other requests between them. With `shareKey`, callers asking
   * the same read together share one (see read.coalescer.ts): each is still charged for the
   * answer it gets, as if it had read alone, so a budget bounds what a client is sent whether or
   * not its read was shared.
   */
  async function charged<T>(
    payer: Payer,
    read: () => Promise<T>,
    bytesOf: (answer: T) => number,
    shareKey?: string,
  ): Promise<T> {
    await budget.start(payer);
    const answer =
      shareKey === undefined
        ? await deps.readGate.run(read)
        : await sharedChanges.run(shareKey, read, deps.readGate);
    await budget.finish(payer, bytesOf(answer));
    return answer;
  }

  /** A catch-up read for a client, shared with identical ones asked together. */
  function chargedChanges(
    actor: Actor | null,
    articleId: string,
    after: number,
    limit: number,
    payer: Payer,
  ) {
    const key = changesKey(articleId, after, limit, viewerOf(actor));
    return charged(payer, () => changes(actor, articleId, after, limit), changesBytes, key);
  }
  // Charged by the JSON the store measured: hostile bodies escape to six bytes a character.
  const changesBytes = (page: { bytes: number }) => page.bytes;

  const pages = createFirstPageCache(events, {
    maxAgeMs: 2_000,
    maxBytes: deps.firstPageCacheBytes,
  });

  /** The store's threads in the wire shape: where replies continue becomes an opaque cursor. */
  function wireList(list: ThreadList): CachedPage {
    return {
      threads: list.threads.map(({ repliesAfter, ...thread }) => ({
        ...thread,
        repliesCursor:
          repliesAfter === null ? null : encodeRepliesCursor(thread.comment.id, repliesAfter),
      })),
      nextCursor: list.nextCursor,
      bytes: list.bytes,
    };
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
    const page = verifyPage(
      claim,
      trustedOriginsFor(deps.allowedOrigins, host, deps.publicOrigin ?? null),
    );
    return page ? store.claimArticlePage(article.articleId, page) : article;
  }

  /**
   * An anonymous reader's first page, from the cache while the article is unchanged: free. A miss
   * reads the store, so it is charged like any other read. The article is read before the
   * threads, so the page holds at least everything up to its lastSeq.
   */
  async function firstPage(
    articleId: string,
    sort: Sort,
    limit: number,
    payer: Payer,
    maxBytes: number,
  ) {
    const article = await store.getArticle(articleId);
    // Freshness is a cache concern, not a rule: real elapsed time, whatever the domain clock says.
    // A page cut for fewer pins than the article has now may not fit beside them: read it again.
    const fits = (page: CachedPage | null) => (page && page.bytes <= maxBytes ? page : null);
    const cached = fits(pages.get(articleId, sort, limit, article.lastSeq, performance.now()));
    if (cached) return [article, cached] as const;
    const viewer: Viewer = { userId: null, moderator: false };
    const list = await charged(
      payer,
      async () => {
        // Readers who missed together queued together: the first one's page serves the rest.
        const now = performance.now();
        const filled = fits(pages.get(articleId, sort, limit, article.lastSeq, now));
        if (filled) return filled;
        const page = wireList(
          await store.listThreads({ articleId, sort, limit, cursor: null, viewer, maxBytes }),
        );
        pages.set(articleId, sort, limit, article.lastSeq, now, page);
        return page;
      },
      (page) => page.bytes,
    );
    return [article, list] as const;
  }

  /** Caches an open article for the next post; a closed one is always read (it may reopen). */
  function remember(article: ArticleRecord): void {
    if (article.closedAt === null) postedArticles.set(article);
    else postedArticles.drop(article.articleId);
  }

  /** post, once the article is known (`guessed`: from the cache, so the write checks it). */
  async function postWith(
    actor: Actor,
    input: PostInput,
    article: ArticleRecord,
    guessed: boolean,
    arrived: number,
    announce: (raise: () => void) => void,
  ): Promise<{ comment: Comment; created: boolean }> {
    if (article.closedAt !== null)
      throw new AppError("conflict", "This article is closed to new comments");
    remember(await claimPage(article, input.page, input.host));
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
    const createdAt = clock.now().toISOString();
    const held = verdict.action === "hold";
    // A held comment notifies no one yet; its mentions are resolved when it is approved. Most
    // bodies hold no `@` at all: they skip the lookup (the poster waits for all of this).
    const mentions =
      held || !input.body.includes("@")
        ? []
        : await resolveMentions(store, input.body, actor.user.id, input.articleId);
    const outbox = webhooks.build([{ type: "comment.created" }], createdAt);
    const result = await store.insertComment({
      id: newId(),
      articleId: input.articleId,
      parentId,
      authorId: actor.user.id,
      body: input.body,
      status: held ? "pending" : "published",
      clientKey: input.clientKey ?? null,
      createdAt,
      ...(mentions.length > 0 ? { mentions } : {}),
      ...(outbox ? { outbox } : {}),
      ...(guessed ? { expect: { moderation: article.moderation } } : {}),
    });
    remember(result.article);
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
      const { comment, article, notifications, followed } = result;
      const created = { comment, article, notifications };
      announce(() =>
        events.emit("comment.created", followed === undefined ? created : { ...created, followed }),
      );
    }
    return { comment: stripPrivate(result.comment), created: result.created };
  }

  return {
    /**
     * Posts a comment; with a clientKey seen before, answers the first comment and creates nothing.
     * `announce` receives the raising of `comment.created` (the fan-out) once committed; by
     * default it runs at once. A socket handler runs it right after writing the poster's ack, in
     * the same tick, so the poster does not wait for the broadcast to every reader.
     */
    async post(
      actor: Actor | null,
      input: PostInput,
      ip: string,
      announce: (raise: () => void) => void = runNow,
    ): Promise<{ comment: Comment; created: boolean }> {
      if (!actor) throw new AppError("unauthorized", "Sign in or choose a name to comment");
      const arrived = performance.now();
      await deps.limits.commentsPerUser.consume(actor.user.id);
      await deps.limits.commentsPerIp.consume(ip);
      const cached = postedArticles.get(input.articleId);
      try {
        return await postTo(cached ?? (await store.getArticle(input.articleId)), !!cached);
      } catch (error) {
        // The cached article was closed or changed mode meanwhile (on any instance): nothing was
        // written; decide again with the article as it is now.
        if (!(error instanceof ArticleChanged)) throw error;
        postedArticles.drop(input.articleId);
        return await postTo(await store.getArticle(input.articleId), false);
      }

      async function postTo(article: ArticleRecord, guessed: boolean) {
        return postWith(actor!, input, article, guessed, arrived, announce);
      }
    },

    /**
     * The author may edit within the edit window; moderators at any time. An edit counts against
     * the comment limits and goes through the same moderation rules as a post: refused or held
     * for banned words, held again in pre-moderation. A moderator's edit of someone else's
     * comment is logged and shown as theirs.
     */
    async edit(actor: Actor | null, id: string, body: string, ip: string): Promise<Comment> {
      if (!actor) throw new AppError("unauthorized", "Sign in to edit");
      await deps.limits.commentsPerUser.consume(actor.user.id);
      await deps.limits.commentsPerIp.consume(ip);
      const comment = await requireComment(id, actor);
      const isAuthor = comment.author.id === actor.user.id;
      if (!isAuthor && !isModerator(actor))
        throw new AppError("forbidden", "Only the author may edit this comment");
      if (comment.status === "removed")
        throw new AppError("conflict", "A removed comment cannot be edited");
      const age = clock.now().getTime() - Date.parse(comment.createdAt);
      if (!isModerator(actor) && age > deps.editWindowMs) {
        throw new AppError("conflict", "The edit window for this comment has closed");
      }
      const article = await store.getArticle(comment.articleId);
      const verdict = decideEdit(
        body,
        { ...deps.moderation, articleMode: article.moderation },
        isModerator(actor) ? "moderator" : "author",
      );
      if (verdict.action === "reject") throw new AppError("invalid_input", verdict.reason);
      const editedAt = editTime(clock.now(), comment.editedAt);
      const outbox = webhooks.build([{ type: "comment.updated" }], editedAt);
      const result = await store.updateComment({
        id,
        body,
        editedAt,
        editedBy: isAuthor ? "author" : "moderator",
        // Two edits racing from one version must not both pass as its successor.
        ifEditedAt: comment.editedAt,
        // A held comment stays held until a moderator decides: a clean edit does not publish it.
        ...(verdict.action === "hold" ? { status: "pending" as const } : {}),
        ...(isAuthor
          ? {}
          : {
              log: {
                id: newId(),
                articleId: comment.articleId,
                commentId: id,
                moderatorId: actor.user.id,
                action: "edit" as const,
                reason: null,
                createdAt: editedAt,
              },
            }),
        ...(outbox ? { outbox } : {}),
      });
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
      const outbox = webhooks.build(
        [
          { type: "comment.removed" },
          ...(byModerator
            ? [
                {
                  type: "moderation.decided" as const,
                  decision: { action: "remove" as const, moderatorId: actor.user.id, reason: null },
                },
              ]
            : []),
        ],
        decidedAt,
      );
      const result = await store.updateComment({
        id,
        status: "removed",
        ...(outbox ? { outbox } : {}),
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
      payer: Payer,
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
      // Pins ride on first pages only, and their bytes come out of the page's bound.
      const pins: PinnedList | null =
        cursor === null && deps.pinned ? await deps.pinned.pinned(articleId) : null;
      const maxBytes = defaultMaxBytes - (pins?.bytes ?? 0);
      const [article, list] =
        actor === null && cursor === null
          ? await firstPage(articleId, query.sort, query.limit, payer, maxBytes)
          : await Promise.all([
              store.getArticle(articleId),
              charged(
                payer,
                async () =>
                  wireList(
                    await store.listThreads({
                      articleId,
                      sort: query.sort,
                      limit: query.limit,
                      cursor,
                      viewer: viewerOf(actor),
                      maxBytes,
                    }),
                  ),
                (page) => page.bytes,
              ),
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
        ...(pins ? { pinned: pins.pinned } : {}),
      };
    },

    /**
     * An article's state for a joining reader, with what it missed when it says what it has (a
     * join with `after` is a catch-up read, charged to the payer's budgets), and the article's
     * page (claimed from `claim` if it has none yet).
     */
    async join(
      actor: Actor | null,
      articleId: string,
      after: number | undefined,
      payer: Payer,
      claim?: { page: PageClaim | null | undefined; host: string | undefined },
    ) {
      const [read, missed] = await Promise.all([
        // Every join reads the article row: readers arriving together share that read too.
        sharedArticles.run(articleId, () => store.getArticle(articleId)),
        after === undefined
          ? { changes: [], hasMore: false }
          : chargedChanges(actor, articleId, after, limits.changesMaxLimit, payer),
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

    /** Uncharged and ungated: for the server's own gap filling (the fan-out never waits). */
    changes,

    /** `changes` for a client: charged to the payer's budgets. */
    catchUp(actor: Actor | null, articleId: string, after: number, limit: number, payer: Payer) {
      return chargedChanges(actor, articleId, after, limit, payer);
    },

    /** The next replies of the thread rooted at `rootId`, after `cursor` (none: from the first). */
    async replies(
      actor: Actor | null,
      rootId: string,
      query: { cursor?: string | undefined; limit: number },
      payer: Payer,
    ): Promise<RepliesPage> {
      // Charged before any lookup: probing unknown ids costs the same as reading.
      await budget.start(payer);
      const root = await requireComment(rootId, actor);
      if (root.parentId !== null) throw new AppError("not_found", "No such thread");
      let after = root.createdSeq;
      if (query.cursor !== undefined) {
        const decoded = decodeRepliesCursor(query.cursor, rootId);
        if (decoded === null) {
          throw new AppError("invalid_input", "Invalid cursor", {
            details: [{ path: "cursor", message: "is not a replies cursor of this thread" }],
          });
        }
        after = decoded;
      }
      const list = await deps.readGate.run(() =>
        store.listReplies({ rootId, after, limit: query.limit, viewer: viewerOf(actor) }),
      );
      await budget.finish(payer, list.bytes);
      return {
        replies: list.replies,
        repliesCursor:
          list.repliesAfter === null ? null : encodeRepliesCursor(rootId, list.repliesAfter),
      };
    },

    /** The thread holding a comment (deep links); see thread-lookup.ts. */
    thread: (actor: Actor | null, id: string, payer: Payer) =>
      charged(
        payer,
        () => threadOfComment(store, viewerOf(actor), id),
        (answer) => answer.bytes,
      ),
  };
}

export type CommentService = ReturnType<typeof createCommentService>;

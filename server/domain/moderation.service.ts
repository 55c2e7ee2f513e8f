/**
 * Moderation: the queues, decisions (approve, reject, remove), per-article settings (mode,
 * closing), reports, and the log of who decided what and when. Every route here but `report`
 * is for moderators only; the check is made once, in `requireModerator`.
 */
import type {
  ArticleSettings,
  LogEntry,
  ModerationAction,
  ModerationMode,
  ModerationQueue,
  QueueItem,
} from "../../shared/trust.schemas.js";
import { stripPrivate } from "../store/rows.js";
import { cleanPageTitle, cleanPageUrl } from "../../shared/article-page.js";
import type {
  ArticleRecord,
  ArticleSettings as StoreArticleSettings,
  CommentChange,
  CommentRecord,
  Store,
} from "../store/store.js";
import type { ModerationLogAction, NewModerationLog } from "../store/trust-store.js";
import { type Actor, isModerator } from "./auth.service.js";
import { withArticles } from "./article-view.js";
import type { Clock } from "./clock.js";
import type { DomainEvents } from "./domain-events.js";
import { AppError } from "../core/app-error.js";
import { newId } from "../core/ids.js";
import { resolveMentions } from "./mentions.resolve.js";
import type { RateLimits } from "./rate-limits.js";
import { noWebhooks, type WebhookOutbox } from "./webhook.events.js";

export interface ModerationServiceDeps {
  store: Store;
  clock: Clock;
  events: DomainEvents;
  /** The site-wide mode (MODERATION_MODE), in force where an article has none of its own. */
  siteMode: ModerationMode;
  /** Reports share the per-user limit of votes. */
  limits: Pick<RateLimits, "votesPerUser">;
  /** Webhook rows written with each decision (none when no URL is configured). */
  webhooks?: WebhookOutbox;
}

/** Throws `unauthorized` without a user and `forbidden` for anyone but a moderator. */
export function requireModerator(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthorized", "Sign in as a moderator");
  if (!isModerator(actor)) throw new AppError("forbidden", "Only moderators may do this");
  return actor;
}

/** What a decision does to a comment in a given status; null: nothing to change. */
function transition(
  action: ModerationAction,
  status: CommentRecord["status"],
): Pick<CommentChange, "status"> | null {
  if (status === "removed") {
    throw new AppError("conflict", "The comment was already removed");
  }
  if (action === "approve") return status === "pending" ? { status: "published" } : null;
  return { status: "removed" };
}

/** The title/url part of a settings change, validated; null when neither changes. */
function pageChange(
  input: { title?: string | null | undefined; url?: string | null | undefined },
  before: ArticleRecord,
): { title?: string | null; url?: string | null } | null {
  const change: { title?: string | null; url?: string | null } = {};
  if (input.url !== undefined) {
    const url = input.url === null ? null : cleanPageUrl(input.url)?.href;
    if (url === undefined) {
      throw new AppError("invalid_input", "The URL must be an absolute http(s) URL", {
        details: [
          { path: "url", message: "must be an absolute http(s) URL of at most 2048 characters" },
        ],
      });
    }
    if (url !== before.url) change.url = url;
  }
  if (input.title !== undefined) {
    const title = cleanPageTitle(input.title);
    if (title !== before.title) change.title = title;
  }
  return Object.keys(change).length > 0 ? change : null;
}

/** Creates the moderation service. */
export function createModerationService(deps: ModerationServiceDeps) {
  const { store, clock, events } = deps;
  const webhooks = deps.webhooks ?? noWebhooks;

  function settingsOf(article: ArticleRecord): ArticleSettings {
    return {
      articleId: article.articleId,
      moderation: article.moderation,
      effectiveModeration: article.moderation ?? deps.siteMode,
      closed: article.closedAt !== null,
      closedAt: article.closedAt,
      title: article.title,
      url: article.url,
    };
  }

  function logEntry(
    actor: Actor,
    fields: { articleId: string; commentId: string | null; action: ModerationLogAction },
    reason: string | null,
  ): NewModerationLog {
    return { id: newId(), ...fields, moderatorId: actor.user.id, reason, createdAt: now() };
  }

  const now = () => clock.now().toISOString();

  return {
    /** The oldest comments of a queue, with their open reports. */
    async queue(
      actor: Actor | null,
      query: { queue: ModerationQueue; articleId?: string | undefined; limit: number },
    ): Promise<{ queue: ModerationQueue; items: QueueItem[] }> {
      requireModerator(actor);
      const items = await store.listModerationQueue({
        queue: query.queue,
        articleId: query.articleId ?? null,
        limit: query.limit,
      });
      const withPages = await withArticles(
        store,
        items.map((i) => ({ ...i, articleId: i.comment.articleId })),
      );
      return {
        queue: query.queue,
        items: withPages.map((i) => ({
          queue: query.queue,
          comment: stripPrivate(i.comment),
          reportCount: i.openReports,
          reasons: i.reasons,
          article: i.article,
        })),
      };
    },

    /**
     * Approves (pending -> published, or keeps a reported comment and settles its reports),
     * rejects or removes (-> removed). The change and its log row commit together.
     */
    async decide(
      actor: Actor | null,
      commentId: string,
      input: {
        action: ModerationAction;
        reason?: string | undefined;
        editedAt?: string | null | undefined;
      },
    ) {
      const moderator = requireModerator(actor);
      const comment = await store.getComment(commentId);
      if (!comment) throw new AppError("not_found", "No such comment");
      // The decision is about the version the moderator saw; the store checks again in its
      // transaction, so an edit landing between this read and the write is caught too.
      const seen = input.editedAt === undefined ? {} : { ifEditedAt: input.editedAt };
      if (seen.ifEditedAt !== undefined && seen.ifEditedAt !== comment.editedAt)
        throw new AppError("conflict", "The comment was edited since you saw it; review it again");
      const change = transition(input.action, comment.status);
      // A held comment turned down was never public: its `:held` log line keeps it hidden.
      const logged: ModerationLogAction =
        comment.status === "pending" && input.action !== "approve"
          ? `${input.action}:held`
          : input.action;
      const log = logEntry(
        moderator,
        { articleId: comment.articleId, commentId, action: logged },
        input.reason || null,
      );
      let decided: CommentRecord;
      const webhookEvents = [
        ...(change?.status === "removed" ? [{ type: "comment.removed" as const }] : []),
        ...(change?.status === "published" ? [{ type: "comment.updated" as const }] : []),
        {
          type: "moderation.decided" as const,
          decision: { action: input.action, moderatorId: moderator.user.id, reason: log.reason },
        },
      ];
      const outbox = webhooks.build(webhookEvents, log.createdAt);
      if (change) {
        const publishing = change.status === "published";
        const mentions = publishing
          ? await resolveMentions(store, comment.body, comment.author.id, comment.articleId)
          : [];
        const result = await store.updateComment({
          id: commentId,
          ...change,
          // An approved comment notifies as a new one would have.
          ...(publishing ? { notifyAt: log.createdAt, mentions } : {}),
          ...seen,
          log,
          ...(outbox ? { outbox } : {}),
        });
        events.emit("comment.updated", result);
        decided = result.comment;
      } else {
        // Approving a published comment changes nothing readers see: log it, settling reports.
        await store.logModeration(log);
        decided = comment;
        if (outbox) await store.enqueueOutbox(outbox(comment));
      }
      events.emit("moderation.decided", {
        action: input.action,
        comment: decided,
        moderatorId: moderator.user.id,
        decidedAt: log.createdAt,
      });
      return { comment: stripPrivate(decided) };
    },

    async settings(actor: Actor | null, articleId: string): Promise<ArticleSettings> {
      requireModerator(actor);
      return settingsOf(await store.getArticle(articleId));
    },

    /** Sets an article's mode (null: the site's) and/or closes or reopens it; each is logged. */
    async updateSettings(
      actor: Actor | null,
      articleId: string,
      input: {
        moderation?: ModerationMode | null | undefined;
        closed?: boolean | undefined;
        title?: string | null | undefined;
        url?: string | null | undefined;
      },
    ): Promise<ArticleSettings> {
      const moderator = requireModerator(actor);
      const before = await store.getArticle(articleId);
      const change: StoreArticleSettings = {};
      const actions: ModerationLogAction[] = [];
      // A moderator may name any http(s) page (the origin rule is for embeds' claims), never a
      // javascript: or data: one.
      const page = pageChange(input, before);
      if (page) {
        Object.assign(change, page);
        actions.push("page");
      }
      if (input.moderation !== undefined && input.moderation !== before.moderation) {
        change.moderation = input.moderation;
        actions.push(input.moderation === null ? "mode:default" : `mode:${input.moderation}`);
      }
      if (input.closed !== undefined && input.closed !== (before.closedAt !== null)) {
        change.closedAt = input.closed ? now() : null;
        actions.push(input.closed ? "close" : "reopen");
      }
      if (actions.length === 0) return settingsOf(before);
      const after = await store.setArticleSettings(articleId, change);
      for (const action of actions) {
        await store.logModeration(
          logEntry(moderator, { articleId, commentId: null, action }, null),
        );
      }
      if (change.closedAt !== undefined) deps.events.emit("article.closed", { article: after });
      return settingsOf(after);
    },

    /** The moderation log, newest first. */
    async log(
      actor: Actor | null,
      query: { articleId?: string | undefined; limit: number },
    ): Promise<{ entries: LogEntry[] }> {
      requireModerator(actor);
      const rows = await store.listModerationLog({
        articleId: query.articleId ?? null,
        limit: query.limit,
      });
      return {
        entries: rows.map((r) => ({
          id: r.id,
          articleId: r.articleId,
          commentId: r.commentId,
          moderator: { id: r.moderatorId, name: r.moderatorName },
          action: r.action,
          reason: r.reason,
          createdAt: r.createdAt,
        })),
      };
    },

    /** Any signed-in reader reports a published comment of someone else, once. */
    async report(actor: Actor | null, commentId: string, reason: string | undefined) {
      if (!actor) throw new AppError("unauthorized", "Sign in or choose a name to report");
      await deps.limits.votesPerUser.consume(actor.user.id);
      const comment = await store.getComment(commentId);
      if (!comment || comment.status !== "published")
        throw new AppError("not_found", "No such comment");
      if (comment.author.id === actor.user.id)
        throw new AppError("forbidden", "You cannot report your own comment");
      const result = await store.addReport({
        id: newId(),
        commentId,
        userId: actor.user.id,
        reason: reason || null,
        createdAt: now(),
      });
      if (result.created) {
        events.emit("comment.reported", {
          comment,
          openReports: result.openReports,
          reason: reason || null,
        });
      }
      return { created: result.created };
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;

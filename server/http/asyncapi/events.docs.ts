/**
 * The AsyncAPI document's table: one entry per event of shared/events.ts, with the zod schema of
 * its payload (and, for commands, of its acknowledgement's success fields). The table's type
 * names every event of the maps, so a new event fails to compile until it has its entry here, and
 * `mismatched` below fails when an entry's schema is not exactly its event's type.
 */
import type * as zm from "zod/mini";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../shared/events.js";
import {
  articleJoinPayload,
  articleLeavePayload,
  commentPinnedSchema,
  commentPostPayload,
  commentSchema,
  commentUnpinnedSchema,
  notificationSchema,
  presenceUpdatedSchema,
  userSchema,
} from "../../../shared/schemas.js";
import { queueItemSchema } from "../../../shared/trust.schemas.js";
import {
  articleJoinedSchema,
  articleUpdatedSchema,
  commentPostedSchema,
  commentVotedSchema,
  limitReachedSchema,
  moderationDecidedSchema,
  notificationsReadSchema,
  nothingSchema,
  resyncSchema,
  sessionExpiredSchema,
} from "./event-payloads.js";

/** A command the client sends, acknowledged with `{ ok: true, ...ack }` or `{ ok: false, error }`. */
export interface CommandDoc {
  summary: string;
  description?: string;
  /** The schema the gateway parses the payload with. */
  payload: zm.ZodMiniType;
  /** The acknowledgement's fields besides `ok: true`. */
  ack: zm.ZodMiniObject;
}

/** A fact the server pushes, and to whom. */
export interface FactDoc {
  summary: string;
  description?: string;
  payload: zm.ZodMiniType;
  /** Which sockets receive it. */
  to: string;
}

const article = "every socket that joined the article, on every instance";
const user = "every socket of the user, on every instance";
const moderators = "the `moderators` room (every moderator's sockets)";

/** Client-to-server commands, one entry per event of `ClientToServerEvents`. */
export const commandDocs = {
  "article:join": {
    summary: "Follow an article's live events, and catch up",
    description:
      "The socket receives the article's live events from now on; `changes` holds every change with `seq` > `after` (none without `after`; at most 500, then `hasMore`). A socket follows at most a bounded number of articles (`forbidden` past it).",
    payload: articleJoinPayload,
    ack: articleJoinedSchema,
  },
  "article:leave": {
    summary: "Stop following an article",
    payload: articleLeavePayload,
    ack: nothingSchema,
  },
  "comment:post": {
    summary: "Post a comment or a reply",
    description:
      "As `POST /api/articles/{articleId}/comments`, with the article in the payload; the same rules, limits and error codes, answered in the acknowledgement.",
    payload: commentPostPayload,
    ack: commentPostedSchema,
  },
} satisfies { [E in keyof ClientToServerEvents]: CommandDoc };

/** Server-to-client facts, one entry per event of `ServerToClientEvents`. */
export const factDocs = {
  "comment:created": { summary: "A new comment", payload: commentSchema, to: article },
  "comment:updated": {
    summary: "A comment changed: edited, removed, or decided by a moderator",
    payload: commentSchema,
    to: article,
  },
  "article:updated": {
    summary: "An article's comment count changed, or it was closed or reopened",
    description: "Coalesced: at most a few per second per article.",
    payload: articleUpdatedSchema,
    to: article,
  },
  "notification:created": {
    summary: "A reply, a mention, or a new comment the user follows",
    payload: notificationSchema,
    to: user,
  },
  resync: {
    summary: "Events may have been missed: join these articles again with `after`",
    description:
      "Sent when the instance may have missed events (Redis was unreachable, say); the client calls `article:join` again with `after` = the last `seq` it holds.",
    payload: resyncSchema,
    to: "the sockets following the listed articles",
  },
  "notification:read": {
    summary: "Notifications were marked read (in any tab)",
    payload: notificationsReadSchema,
    to: user,
  },
  "comment:voted": {
    summary: "A comment's score changed",
    description: "At most about 4 per second per comment.",
    payload: commentVotedSchema,
    to: article,
  },
  "moderation:queued": {
    summary: "A comment entered a moderation queue (held, or reported)",
    payload: queueItemSchema,
    to: moderators,
  },
  "moderation:decided": {
    summary: "A moderator decided about a comment",
    payload: moderationDecidedSchema,
    to: moderators,
  },
  "limit:reached": {
    summary: "This connection sends events too fast",
    description: "Its events are refused; going on disconnects it.",
    payload: limitReachedSchema,
    to: "the connection that sent too fast",
  },
  "session:updated": {
    summary: "Who this connection acts as, as the server sees it now",
    description:
      "Sent on connect with a token, and within seconds of a change (the host's newest token changed the role, say).",
    payload: userSchema,
    to: user,
  },
  "session:expired": {
    summary: "The connection's token expired; it stays open as an anonymous reader",
    payload: sessionExpiredSchema,
    to: "the connection whose token expired",
  },
  "presence:updated": {
    summary: "How many connections read the article now, on every instance",
    description:
      "At most once per `PRESENCE_INTERVAL_MS` per article, and only when the number changed.",
    payload: presenceUpdatedSchema,
    to: article,
  },
  "comment:pinned": {
    summary: "A moderator pinned a comment (an editors' pick)",
    payload: commentPinnedSchema,
    to: article,
  },
  "comment:unpinned": {
    summary: "A pin ended: unpinned, or the comment was removed, rejected or held again",
    payload: commentUnpinnedSchema,
    to: article,
  },
} satisfies { [E in keyof ServerToClientEvents]: FactDoc };

/** Named keys: zod types an empty object as `Record<string, never>`, which names none. */
type Keys<T> = string extends keyof T ? never : keyof T;
/** Each assignable to the other, with the same keys (an optional field left out counts). */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [Keys<A>] extends [Keys<B>]
      ? [Keys<B>] extends [Keys<A>]
        ? true
        : false
      : false
    : false
  : false;
type Payload<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;
type AckFields<F> = F extends (payload: never, ack: (answer: infer A) => void) => void
  ? Omit<Extract<A, { ok: true }>, "ok">
  : never;

/** Commands whose entry does not have exactly the map's payload and ack types (none). */
type MismatchedCommands = {
  [E in keyof ClientToServerEvents]: [
    Same<zm.output<(typeof commandDocs)[E]["payload"]>, Payload<ClientToServerEvents[E]>>,
    Same<zm.output<(typeof commandDocs)[E]["ack"]>, AckFields<ClientToServerEvents[E]>>,
  ] extends [true, true]
    ? never
    : E;
}[keyof ClientToServerEvents];

/** Facts whose entry does not have exactly the map's payload type (none). */
type MismatchedFacts = {
  [E in keyof ServerToClientEvents]: Same<
    zm.output<(typeof factDocs)[E]["payload"]>,
    Payload<ServerToClientEvents[E]>
  > extends true
    ? never
    : E;
}[keyof ServerToClientEvents];

/** Fails to compile, naming the event, when a schema here drifts from shared/events.ts. */
type NoneOf<T extends "none"> = T;
type _CommandSchemasMatch = NoneOf<
  [MismatchedCommands] extends [never] ? "none" : MismatchedCommands
>;
type _FactSchemasMatch = NoneOf<[MismatchedFacts] extends [never] ? "none" : MismatchedFacts>;

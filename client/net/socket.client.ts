/**
 * The typed Socket.IO connection of the embed. Event names and payloads come from shared/events.ts;
 * every payload the server sends is parsed again here before the UI sees it.
 */
import type { PageInfo } from "./page-info.js";
import * as jsonParser from "./socket-parser.js";
import { SOCKET_TRANSPORTS } from "./socket-transports.js";
import { io, type Socket } from "socket.io-client";
import * as z from "zod/mini";
import type {
  ArticleJoined,
  ClientToServerEvents,
  ServerToClientEvents,
} from "../../shared/events.js";
import { commentSchema } from "../../shared/schemas.js";

/** The socket with Parley's event maps. */
export type ParleySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const joinedSchema = z.object({
  articleId: z.string(),
  commentCount: z.number(),
  lastSeq: z.number(),
  serverTime: z.string(),
  changes: z.array(commentSchema),
  hasMore: z.boolean(),
  readers: z.optional(z.number()),
});

const failedAckSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string() }),
});

/** How long an acknowledgement may take before the call counts as failed. */
const ACK_TIMEOUT_MS = 10_000;

/**
 * Opens the connection. `getToken` is read at every handshake, so signing in only needs a
 * reconnect. Transports: SOCKET_TRANSPORTS (the build bundles only those). Packets: Parley's
 * JSON-only codec (socket-parser.ts), which the build also puts in place of the default one.
 */
export function openSocket(origin: string, getToken: () => string | null): ParleySocket {
  return io(origin, {
    transports: [...SOCKET_TRANSPORTS],
    parser: jsonParser,
    auth: (cb) => {
      const token = getToken();
      cb(token ? { token } : {});
    },
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
}

/**
 * Joins an article's room and returns every change after `after`, parsed. A refusal throws an
 * Error carrying the ack's `code` (a timed-out ack throws Socket.IO's own, without one).
 */
export async function joinArticle(
  socket: ParleySocket,
  articleId: string,
  after: number | undefined,
  page: PageInfo | null = null,
): Promise<ArticleJoined> {
  // Typed emitters lose the ack type through `.timeout()`; the answer is parsed anyway.
  const answer: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("article:join", {
    articleId,
    ...(after === undefined ? {} : { after }),
    ...(page ? { page } : {}),
  });
  const failed = failedAckSchema.safeParse(answer);
  if (failed.success) {
    throw Object.assign(new Error(failed.data.error.message), { code: failed.data.error.code });
  }
  return joinedSchema.parse(answer);
}

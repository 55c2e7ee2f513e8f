/**
 * The Engine.IO transports the embed opens, in order. The build bundles these and no others
 * (client/net/socket-transports.vite.ts), so this list is the one place to change them.
 *
 * WebSocket only: with Engine.IO's default `tryAllTransports: false` a failed first transport is
 * never followed by the next one, so a second entry here would be dead weight unless
 * `tryAllTransports` is turned on with it.
 */
export const SOCKET_TRANSPORTS = ["websocket"] as const;

/** A transport name the embed may list. */
export type SocketTransport = "websocket" | "polling" | "webtransport";

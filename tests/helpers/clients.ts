/**
 * Real clients for integration tests: REST calls with fetch, and typed socket.io-client sockets
 * over real WebSockets. Waiting is always on a named condition, never on a duration.
 */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events.js";
import type { User } from "../../shared/schemas.js";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Polls `condition` until it holds; fails naming what it waited for. */
export async function waitFor(description: string, condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${description}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function api(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely
  const json: any = text ? JSON.parse(text) : null;
  return { status: res.status, headers: res.headers, json };
}

/** A guest session: its token and user. */
export async function guest(base: string, name = "Reader"): Promise<{ token: string; user: User }> {
  const res = await api(base, "POST", "/api/sessions", { body: { name } });
  if (res.status !== 201) throw new Error(`session failed: ${res.status}`);
  return res.json as { token: string; user: User };
}

/** Connects a socket (with a token, or anonymous) and resolves once connected. */
export function connect(
  base: string,
  token?: string,
  extra: { origin?: string } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(base, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
    ...(extra.origin ? { extraHeaders: { origin: extra.origin } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** An acknowledgement as a test reads it: `ok`, maybe an error, and the success fields. */
export interface AckAnswer {
  ok: boolean;
  error?: { code: string; message: string };
  [field: string]: unknown;
}

/** Emits with an acknowledgement and resolves with the answer. */
export function request<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: unknown,
): Promise<AckAnswer> {
  // Tests send hostile payloads too, so the typed emit is bypassed on purpose.
  const raw = socket.timeout(10_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<AckAnswer>;
  };
  return raw.emitWithAck(event, payload);
}

/** Every payload of `event` this socket receives, in arrival order. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) =>
    seen.push(payload)) as never);
  return seen;
}

/**
 * The one wrapper every socket event goes through: parse the payload with its zod schema, run the
 * handler, answer the ack exactly once, and never let an error escape into Socket.IO.
 */
import * as zm from "zod/mini";
import type { Ack } from "../../shared/events.js";
import { isAppError } from "../core/app-error.js";
import { fieldIssues } from "../core/field-issues.js";
import type { ParleySocket } from "./socket-types.js";

type Schema = zm.ZodMiniType;

/**
 * What a handler returns: the ack's fields besides `ok`. `afterAck` queues work to run right
 * after the ack is written, in the same tick (a post's fan-out: the poster should not wait for
 * it); queued work runs whatever the answer, as it follows a commit that already happened.
 */
type Handler<S extends Schema, R extends object> = (
  payload: zm.output<S>,
  socket: ParleySocket,
  afterAck: (task: () => void) => void,
) => Promise<R>;

/** Converts any thrown error into a failed ack; unexpected ones are logged, never echoed. */
function failure(socket: ParleySocket, event: string, error: unknown): Ack {
  if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message } };
  socket.data.log.error({ err: error, event }, "socket handler failed");
  return { ok: false, error: { code: "internal", message: "Something went wrong on our side" } };
}

/** A listener as Socket.IO calls it: `this` is the socket. */
export type SharedListener = (this: ParleySocket, ...args: unknown[]) => void;

/**
 * The listener for `event`, made once and registered on every socket: Socket.IO calls it with the
 * socket as `this`, so an idle connection holds no closures of its own for its handlers.
 */
export function sharedHandler<S extends Schema, R extends object>(
  event: string,
  schema: S,
  handler: Handler<S, R>,
): SharedListener {
  return function onEvent(this: ParleySocket, ...args: unknown[]) {
    void answer(this, event, schema, handler, args);
  };
}

function noop(): void {}

async function answer<S extends Schema, R extends object>(
  socket: ParleySocket,
  event: string,
  schema: S,
  handler: Handler<S, R>,
  args: unknown[],
): Promise<void> {
  const last = args[args.length - 1];
  const ack = typeof last === "function" ? (last as (answer: Ack) => void) : noop;
  const later: (() => void)[] = [];
  const afterAck = (task: () => void): void => {
    later.push(task);
  };
  let result: Ack;
  try {
    const parsed = zm.safeParse(schema, args[0]);
    if (!parsed.success) {
      const details = fieldIssues(parsed.error, "(payload)");
      result = {
        ok: false,
        error: {
          code: "invalid_input",
          message: `Invalid ${event} payload: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}`,
        },
      };
    } else {
      result = { ok: true, ...(await handler(parsed.data, socket, afterAck)) };
    }
  } catch (error) {
    result = failure(socket, event, error);
  }
  try {
    ack(result);
  } catch (error) {
    socket.data.log.warn({ err: error, event }, "ack failed");
  }
  for (const task of later) {
    try {
      task();
    } catch (error) {
      socket.data.log.error({ err: error, event }, "work after the ack failed");
    }
  }
}

/**
 * The AsyncAPI 3.0 document of the Socket.IO events, served at /api/asyncapi.json. Generated from
 * the event table (asyncapi/events.docs.ts), whose type follows shared/events.ts, and the zod
 * schemas of its entries: payloads, and for commands the acknowledgement that answers them.
 */
import { z } from "zod";
import * as zm from "zod/mini";
import { errorCodes } from "../../shared/errors.js";
import {
  articleSchema,
  commentSchema,
  notificationSchema,
  userSchema,
} from "../../shared/schemas.js";
import { queueItemSchema } from "../../shared/trust.schemas.js";
import { commandDocs, type CommandDoc, type FactDoc, factDocs } from "./asyncapi/events.docs.js";
import { type JsonObject, statedBounds } from "./openapi/schemas.js";

/** Schemas that several events carry, by the name the document gives them. */
const shared: [zm.ZodMiniType, string][] = [
  [commentSchema, "Comment"],
  [articleSchema, "Article"],
  [notificationSchema, "Notification"],
  [userSchema, "User"],
  [queueItemSchema, "QueueItem"],
];

const failure = zm.object({
  ok: zm.literal(false),
  error: zm.object({ code: zm.enum(errorCodes as [string, ...string[]]), message: zm.string() }),
});

/** `comment:post` → `comment.post`: component keys allow letters, digits, `.`, `-` and `_`. */
export const messageKey = (event: string) => event.replaceAll(":", ".");
const pascal = (event: string) =>
  event
    .split(/[:-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

/** Renders named schemas on one side (what clients send, or what the server sends). */
function render(entries: Map<zm.ZodMiniType, string>, io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: statedBounds(io),
  });
  for (const schema of Object.values(schemas)) delete (schema as JsonObject).$schema;
  return schemas as Record<string, JsonObject>;
}

const ref = (path: string) => ({ $ref: path });

/** The whole document. */
export function buildAsyncApiDocument(): JsonObject {
  const sent = new Map<zm.ZodMiniType, string>(shared);
  const received = new Map<zm.ZodMiniType, string>();
  const nameFor = (names: Map<zm.ZodMiniType, string>, schema: zm.ZodMiniType, name: string) => {
    if (!names.has(schema)) names.set(schema, name);
    return names.get(schema)!;
  };
  const messages: Record<string, JsonObject> = {};
  const operations: Record<string, JsonObject> = {};
  const channel = ref("#/channels/parley");
  const message = (key: string) => ref(`#/channels/parley/messages/${key}`);

  /** One event's message and the operation that carries it (a command's names its reply too). */
  const addEvent = (
    event: string,
    action: "send" | "receive",
    body: { summary: string; description?: string; payload: JsonObject },
    reply?: JsonObject,
  ) => {
    const key = messageKey(event);
    messages[key] = { name: event, title: event, ...body };
    operations[key] = {
      action,
      channel,
      title: event,
      summary: body.summary,
      messages: [message(key)],
      ...(reply ? { reply } : {}),
    };
  };

  for (const [event, doc] of Object.entries(commandDocs) as [string, CommandDoc][]) {
    const ackKey = `${messageKey(event)}.ack`;
    const ack = zm.union([zm.extend(doc.ack, { ok: zm.literal(true) }), failure]);
    const payload = nameFor(received, doc.payload, `${pascal(event)}Payload`);
    addEvent(
      event,
      "receive",
      {
        summary: doc.summary,
        ...(doc.description ? { description: doc.description } : {}),
        payload: ref(`#/components/schemas/${payload}`),
      },
      { channel, messages: [message(ackKey)] },
    );
    messages[ackKey] = {
      name: `${event} acknowledgement`,
      title: `${event} acknowledgement`,
      summary: `The answer to \`${event}\`: \`ok: true\` with its fields, or \`ok: false\` with an error code.`,
      payload: ref(`#/components/schemas/${nameFor(sent, ack, `${pascal(event)}Ack`)}`),
    };
  }
  for (const [event, doc] of Object.entries(factDocs) as [string, FactDoc][]) {
    addEvent(event, "send", {
      summary: doc.summary,
      description: [doc.description, `To ${doc.to}.`].filter(Boolean).join(" "),
      payload: ref(`#/components/schemas/${nameFor(sent, doc.payload, pascal(event))}`),
    });
  }

  return {
    asyncapi: "3.0.0",
    info: {
      title: "Parley live events",
      version: "1.0.0",
      description:
        "The Socket.IO half of Parley's wire contract (namespace `/`, Socket.IO v4 over Engine.IO v4: WebSocket, or long-polling first). A token, when there is one, goes in the handshake's `auth: { token }`. Every command takes an acknowledgement callback, answered as data: `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`; an invalid payload answers `invalid_input` and the connection stays up; an unknown event is ignored. Events of one article arrive in `seq` order. The REST half is at `/api/openapi.json`; docs/protocol.md explains how the parts behave together.",
      license: { name: "MIT" },
    },
    defaultContentType: "application/json",
    servers: {
      parley: {
        host: "{host}",
        protocol: "wss",
        pathname: "/socket.io/",
        description: "The Parley instance serving this document (`ws` without TLS).",
        variables: { host: { default: "localhost:3000", description: "Host and port." } },
      },
    },
    channels: {
      parley: {
        address: "/",
        title: "Namespace /",
        description:
          "Every event travels on the one namespace; a socket joins articles to hear them.",
        messages: Object.fromEntries(
          Object.keys(messages).map((key) => [key, ref(`#/components/messages/${key}`)]),
        ),
      },
    },
    operations,
    components: {
      schemas: { ...render(sent, "output"), ...render(received, "input") },
      messages,
    },
  };
}

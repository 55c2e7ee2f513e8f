/**
 * The moderation page's REST calls. Answers are parsed with the shared schemas, as the embed does.
 */
import * as z from "zod/mini";
import { commentSchema } from "../../shared/schemas.js";
import {
  type ModerationAction,
  type ModerationQueue,
  type QueueItem,
  queueItemSchema,
} from "../../shared/trust.schemas.js";

const queueAnswer = z.object({ queue: z.string(), items: z.array(queueItemSchema) });
const decisionAnswer = z.object({ comment: commentSchema });
const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** A failed call, with the contract's error code. */
export class ModerationApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The moderation API of the page's own origin, with `token` as the bearer. */
export function createModerationApi(token: string) {
  async function call<T>(schema: z.ZodMiniType<T>, method: string, path: string, body?: unknown) {
    const response = await fetch(`/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const failed = errorAnswer.safeParse(json);
      throw failed.success
        ? new ModerationApiError(failed.data.error.code, failed.data.error.message)
        : new ModerationApiError("internal", `HTTP ${response.status}`);
    }
    return schema.parse(json);
  }

  return {
    /** The oldest items of a queue. */
    async queue(queue: ModerationQueue): Promise<QueueItem[]> {
      return (await call(queueAnswer, "GET", `/moderation/queue?queue=${queue}&limit=100`)).items;
    },
    /** Decides about one comment. */
    /** `editedAt`: of the version on screen, so a decision never applies to a newer edit. */
    decide(commentId: string, action: ModerationAction, editedAt: string | null) {
      return call(
        decisionAnswer,
        "POST",
        `/moderation/comments/${encodeURIComponent(commentId)}/decisions`,
        { action, editedAt },
      );
    },
  };
}

export type ModerationApi = ReturnType<typeof createModerationApi>;

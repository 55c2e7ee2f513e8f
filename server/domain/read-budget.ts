/**
 * What catch-up reads cost: a join with `after`, a changes page or a replies page is charged one
 * unit before it runs (refused with `rate_limited` once a budget is spent) and one more per
 * `readUnitBytes` of comments it returned, after. Budgets per client IP (shared through Redis when
 * configured) and per socket; an honest reader's reconnection costs a unit or two.
 */
import type { Comment } from "../../shared/schemas.js";
import { isAppError } from "./errors.js";
import type { RateLimits } from "./rate-limits.js";

/** Bytes of answer per extra unit. */
export const readUnitBytes = 32 * 1024;
/** The JSON of a comment besides its body, roughly (ids, author, dates). */
const commentOverheadBytes = 300;

/** Who pays for a read. */
export interface Payer {
  ip: string;
  /** Absent over HTTP. */
  socketId?: string;
}

/** Units a read's answer weighs: 1, plus 1 per started `readUnitBytes` beyond the first. */
export function readCost(comments: readonly Comment[]): number {
  let bytes = 0;
  for (const comment of comments) bytes += comment.body.length + commentOverheadBytes;
  return 1 + Math.floor(bytes / readUnitBytes);
}

export interface ReadBudget {
  /** Charges the first unit; throws AppError("rate_limited") when a budget is spent. */
  start(payer: Payer): Promise<void>;
  /** Charges what the answer weighed beyond the first unit; never throws. */
  finish(payer: Payer, comments: readonly Comment[]): Promise<void>;
}

export function createReadBudget(limits: Pick<RateLimits, "readsPerIp" | "readsPerSocket">) {
  const pay = async (payer: Payer, points: number) => {
    if (payer.socketId !== undefined) await limits.readsPerSocket.consume(payer.socketId, points);
    await limits.readsPerIp.consume(payer.ip, points);
  };
  return {
    start: (payer) => pay(payer, 1),
    async finish(payer, comments) {
      const extra = readCost(comments) - 1;
      if (extra <= 0) return;
      // Counted either way; a refusal here only tells the next read to wait.
      const ignoreRefusal = (error: unknown) => {
        if (!isAppError(error)) throw error;
      };
      if (payer.socketId !== undefined) {
        await limits.readsPerSocket.consume(payer.socketId, extra).catch(ignoreRefusal);
      }
      await limits.readsPerIp.consume(payer.ip, extra).catch(ignoreRefusal);
    },
  } satisfies ReadBudget;
}

/**
 * What client reads cost: every read that reaches the store (a threads page the first-page cache
 * did not answer, a join with `after`, a changes page, a replies page) is charged one unit before
 * it runs (refused with `rate_limited` once a budget is spent) and one more per `readUnitBytes`
 * it returned, after. A cached first page costs nothing: it costs the server nothing either.
 * Budgets per client IP (shared through Redis when configured) and per socket; an honest reader's
 * page load or reconnection costs a unit or two.
 */
import { isAppError } from "../core/app-error.js";
import type { RateLimits } from "./rate-limits.js";

/** Bytes of answer per extra unit. */
const readUnitBytes = 32 * 1024;

/** Who pays for a read. */
export interface Payer {
  ip: string;
  /** Absent over HTTP. */
  socketId?: string;
}

/** Units an answer of `bytes` weighs: 1, plus 1 per whole `readUnitBytes`. */
function readCost(bytes: number): number {
  return 1 + Math.floor(bytes / readUnitBytes);
}

export interface ReadBudget {
  /** Charges the first unit; throws AppError("rate_limited") when a budget is spent. */
  start(payer: Payer): Promise<void>;
  /** Charges what the answer weighed (`bytes`) beyond the first unit; never throws. */
  finish(payer: Payer, bytes: number): Promise<void>;
}

export function createReadBudget(limits: Pick<RateLimits, "readsPerIp" | "readsPerSocket">) {
  const pay = async (payer: Payer, points: number) => {
    if (payer.socketId !== undefined) await limits.readsPerSocket.consume(payer.socketId, points);
    await limits.readsPerIp.consume(payer.ip, points);
  };
  return {
    start: (payer) => pay(payer, 1),
    async finish(payer, bytes) {
      const extra = readCost(bytes) - 1;
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

/**
 * The read gate: at most `concurrency` store reads for untrusted clients (thread pages, changes,
 * joins with `after`, replies pages) run at once on this instance, at most `queue` wait, and the
 * rest are refused with `unavailable` (503 + Retry-After, or a failed ack) at once.
 *
 * Why: budgets bound what one client may read per minute, not how many reads arrive together.
 * With SQLite a heavy read is synchronous work on the event loop (tens of ms on hostile data), so
 * forty of them arriving at once ran back to back and a /healthz probe waited seconds behind all
 * of them. Through the gate they run one at a time, and between two of them the gate yields to
 * the event loop (setImmediate runs after the poll phase), so the I/O that arrived meanwhile, a
 * probe, a post, an ack, is served before the next heavy read starts. A bounded queue keeps a
 * flood from piling up promises and sockets in memory: past it, refusing is cheaper than waiting.
 *
 * Only reads go through it. Posts, acks and the fan-out never wait here: the gate sits in the
 * comment service around client reads, not in the store.
 */
import { AppError } from "../core/app-error.js";

export interface ReadGate {
  /** Runs `read` when a slot is free; throws AppError("unavailable") when the queue is full. */
  run<T>(read: () => Promise<T>): Promise<T>;
  /** Reads running and waiting now (for tests and metrics). */
  load(): { running: number; waiting: number };
}

export interface ReadGateOptions {
  /** Reads at once (>= 1). */
  concurrency: number;
  /** Reads that may wait for a slot (0: none wait). */
  queue: number;
  /** Told the load after every change, and of every refusal (metrics). */
  observe?: (load: { running: number; waiting: number }, refused: boolean) => void;
}

/** How long a refused client is told to wait: the queue drains in well under a second. */
const retryAfterSeconds = 1;

export function createReadGate(options: ReadGateOptions): ReadGate {
  const concurrency = Math.max(1, options.concurrency);
  let running = 0;
  const waiting: (() => void)[] = [];
  const observe = (refused = false) =>
    options.observe?.({ running, waiting: waiting.length }, refused);

  // A finished read hands its slot to the next waiter only after the event loop has had a turn.
  function release(): void {
    setImmediate(() => {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
      observe();
    });
  }

  return {
    async run(read) {
      if (running < concurrency) {
        running += 1;
        observe();
      } else if (waiting.length < options.queue) {
        const turn = new Promise<void>((resolve) => waiting.push(resolve));
        observe();
        await turn;
      } else {
        observe(true);
        throw new AppError("unavailable", "The server is busy with reads; retry shortly", {
          retryAfterSeconds,
        });
      }
      try {
        return await read();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}

/**
 * The default concurrency: SQLite reads run on the event loop, so one at a time; PostgreSQL reads
 * wait on the pool (10 connections), so a few at once, leaving most connections to writes.
 */
export function defaultReadConcurrency(store: "sqlite" | "postgres"): number {
  return store === "sqlite" ? 1 : 4;
}

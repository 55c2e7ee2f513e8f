/**
 * The read coalescer: callers of one key share a read only if it had not started when they asked;
 * those arriving while it runs share the next one; keys never mix; a failure reaches its batch
 * only; nothing is kept once every answer is out. Reads are held and released by hand, so the
 * order of events is set by the test, never by timing.
 */
import { describe, expect, it } from "vitest";
import { createReadGate } from "../../server/domain/read-gate.js";
import { createReadCoalescer } from "../../server/domain/read.coalescer.js";

/** A read that counts its starts and answers only when released. */
function heldRead() {
  const pending: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  let starts = 0;
  return {
    read: () =>
      new Promise<number>((resolve, reject) => {
        starts += 1;
        pending.push({ resolve, reject });
      }),
    starts: () => starts,
    answer: (value: number) => pending.shift()!.resolve(value),
    fail: (message: string) => pending.shift()!.reject(new Error(message)),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Turns the event loop until `condition` holds (a few turns at most; fails past 1,000). */
async function until(description: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i += 1) await tick();
  if (!condition()) throw new Error(`never happened: ${description}`);
}

describe("read coalescer", () => {
  it("shares a read among callers who asked before it started, and no other", async () => {
    let shared = 0;
    const reads = createReadCoalescer({ onShared: () => (shared += 1) });
    const held = heldRead();
    // Asked together, before the read starts (it starts on the next microtask): one read.
    const first = [1, 2, 3].map(() => reads.run("k", held.read));
    await tick();
    expect(held.starts()).toBe(1);
    // Asked while that read runs: they may not take its answer (it may predate their join).
    const second = [4, 5].map(() => reads.run("k", held.read));
    await tick();
    expect(held.starts()).toBe(1);
    held.answer(10);
    expect(await Promise.all(first)).toEqual([10, 10, 10]);
    await until("the second batch to start", () => held.starts() === 2);
    held.answer(20);
    expect(await Promise.all(second)).toEqual([20, 20]);
    expect(shared).toBe(3);
    await tick();
    expect(reads.size()).toBe(0);
  });

  it("never mixes keys", async () => {
    const reads = createReadCoalescer();
    const held = heldRead();
    const a = reads.run("a", held.read);
    const b = reads.run("b", held.read);
    await tick();
    expect(held.starts()).toBe(2);
    held.answer(1);
    held.answer(2);
    expect([await a, await b]).toEqual([1, 2]);
  });

  it("fails the batch whose read failed, and only it", async () => {
    const reads = createReadCoalescer();
    const held = heldRead();
    const first = [reads.run("k", held.read), reads.run("k", held.read)];
    await tick();
    const later = reads.run("k", held.read);
    held.fail("store away");
    for (const p of first) await expect(p).rejects.toThrow("store away");
    await until("the later batch to start", () => held.starts() === 2);
    held.answer(7);
    expect(await later).toBe(7);
    await tick();
    expect(reads.size()).toBe(0);
  });

  it("takes one place in the read gate per batch, and a refusal reaches that batch only", async () => {
    const gate = createReadGate({ concurrency: 1, queue: 1 });
    const reads = createReadCoalescer();
    const held = heldRead();
    // Another read holds the gate's only slot.
    const blocker = heldRead();
    const busy = gate.run(blocker.read);
    await tick();
    // A hundred callers of one key wait in the gate's one queue place, together.
    const waiting = Array.from({ length: 100 }, () => reads.run("k", held.read, gate));
    await tick();
    expect(gate.load()).toEqual({ running: 1, waiting: 1 });
    // Another key finds the queue full: refused, without touching the waiting batch.
    await expect(reads.run("other", held.read, gate)).rejects.toMatchObject({
      code: "unavailable",
    });
    blocker.answer(0);
    await busy;
    await until("the batch's read to start", () => held.starts() === 1);
    held.answer(5);
    expect(new Set(await Promise.all(waiting))).toEqual(new Set([5]));
  });
});

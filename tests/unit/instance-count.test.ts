/**
 * server/scale/instance-count.ts: the adapter's server count, refreshed on an interval, never
 * below 1, and kept as last known while the adapter cannot answer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { trackInstanceCount } from "../../server/scale/instance-count.js";

describe("instance count", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("follows the adapter's count, keeps the last one through failures and nonsense", async () => {
    let answer: () => Promise<number> = () => Promise.resolve(2);
    const tracked = trackInstanceCount({ serverCount: () => answer() }, 1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(tracked.current()).toBe(2);
    answer = () => Promise.reject(new Error("Redis away"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracked.current()).toBe(2);
    for (const bad of [0, -3, 1.5, Number.NaN]) {
      answer = () => Promise.resolve(bad);
      await vi.advanceTimersByTimeAsync(1000);
      expect(tracked.current()).toBe(2);
    }
    answer = () => Promise.resolve(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracked.current()).toBe(3);
    tracked.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("starts at 1 before the first answer", () => {
    const tracked = trackInstanceCount({ serverCount: () => new Promise<number>(() => undefined) });
    expect(tracked.current()).toBe(1);
    tracked.stop();
  });
});

/** The Redis client helpers: forgotten rejections are handled, and reconnection backs off. */
import { describe, expect, it } from "vitest";
import { reconnectDelayMs, withRejectionsHandled } from "../../server/scale/redis-clients.js";

describe("withRejectionsHandled", () => {
  it("reports a rejection nobody awaits instead of letting it end the process", async () => {
    const seen: unknown[] = [];
    const client = withRejectionsHandled(
      { publish: () => Promise.reject(new Error("offline")), name: "pub" },
      (error) => seen.push(error),
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      // The classic adapter calls publish and forgets the promise, as here.
      void client.publish();
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(client.name).toBe("pub");
  });

  it("still rejects for a caller who awaits", async () => {
    const client = withRejectionsHandled(
      { publish: () => Promise.reject(new Error("offline")) },
      () => undefined,
    );
    await expect(client.publish()).rejects.toThrow("offline");
  });
});

describe("reconnectDelayMs", () => {
  it("doubles from about 50 ms and never waits more than about a second", () => {
    const middle = () => 0.5;
    expect(reconnectDelayMs(0, middle)).toBe(50);
    expect(reconnectDelayMs(1, middle)).toBe(100);
    expect(reconnectDelayMs(4, middle)).toBe(800);
    expect(reconnectDelayMs(50, middle)).toBe(1000);
    expect(reconnectDelayMs(50, () => 1)).toBeLessThanOrEqual(1200);
  });
});

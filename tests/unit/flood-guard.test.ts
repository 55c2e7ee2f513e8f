/** The flood rule as a pure function of a pinned time: refuse, warn once, disconnect on a flood. */
import { describe, expect, it } from "vitest";
import { type FloodState, floodVerdict } from "../../server/realtime/flood-guard.js";

const fresh = (): FloodState => ({ windowStart: 0, count: 0, strikes: 0 });

describe("floodVerdict", () => {
  it("allows the limit, warns on the next, refuses then disconnects past twice the limit", () => {
    const state = fresh();
    const verdicts = Array.from({ length: 11 }, () => floodVerdict(state, 10, 5));
    expect(verdicts).toEqual([
      ...Array<string>(5).fill("allow"),
      "refuse-and-warn",
      ...Array<string>(4).fill("refuse"),
      "disconnect",
    ]);
  });

  it("starts afresh each second, and forgives strikes after a quiet second", () => {
    const state = fresh();
    for (let i = 0; i < 6; i++) floodVerdict(state, 0, 5);
    expect(state.strikes).toBe(1);
    expect(floodVerdict(state, 1000, 5)).toBe("allow");
    expect(floodVerdict(state, 2000, 5)).toBe("allow");
    expect(state.strikes).toBe(0);
  });

  it("disconnects a socket over the limit three seconds running", () => {
    const state = fresh();
    const overOneSecond = (t: number) =>
      Array.from({ length: 6 }, () => floodVerdict(state, t, 5)).at(-1);
    expect(overOneSecond(0)).toBe("refuse-and-warn");
    expect(overOneSecond(1000)).toBe("refuse-and-warn");
    expect(overOneSecond(2000)).toBe("disconnect");
  });
});

/**
 * The flood rule as a pure function of a pinned time: a token bucket that refuses, warns once and
 * disconnects a flood, and never refuses a client under the limit whose frames a late server reads
 * in one burst.
 */
import { describe, expect, it } from "vitest";
import { BURST_SECONDS, floodVerdict, freshFloodState } from "../../server/realtime/flood-guard.js";
import { createLoopLag } from "../../server/realtime/loop-lag.js";

const burst = 5 * BURST_SECONDS;

describe("floodVerdict", () => {
  it("allows a burst, warns on the next event, refuses, then disconnects a second's worth on", () => {
    const state = freshFloodState(0, 5);
    const verdicts = Array.from({ length: burst + 6 }, () => floodVerdict(state, 0, 5));
    expect(verdicts).toEqual([
      ...Array<string>(burst).fill("allow"),
      "refuse-and-warn",
      ...Array<string>(4).fill("refuse"),
      "disconnect",
    ]);
  });

  it("refills at the limit's rate, and forgives a socket that slowed down", () => {
    const state = freshFloodState(0, 5);
    for (let i = 0; i < burst + 2; i++) floodVerdict(state, 0, 5);
    expect(state.warned).toBe(true);
    // Two events over: 0.6 s later three tokens are back, enough for one event.
    expect(floodVerdict(state, 600, 5)).toBe("allow");
    expect(state.warned).toBe(false);
    // A full bucket is all it ever holds, however long the socket was quiet.
    floodVerdict(state, 60_000, 5);
    expect(state.tokens).toBe(burst - 1);
  });

  it("cuts a socket that goes on sending twice the limit", () => {
    const state = freshFloodState(0, 5);
    const verdicts: string[] = [];
    for (let t = 0; t < 10_000 && verdicts.at(-1) !== "disconnect"; t += 100) {
      verdicts.push(floodVerdict(state, t, 5));
    }
    expect(verdicts).toContain("refuse-and-warn");
    expect(verdicts.at(-1)).toBe("disconnect");
    // The burst (10), then the debt (5) at one event a second net: cut within about 3.5 s.
    expect(verdicts.length).toBeLessThan(40);
  });

  it("never refuses a client under the limit whose frames a late server reads together", () => {
    // 5 events a second against a limit of 20; the server's loop was busy 8 s between reads.
    const state = freshFloodState(0, 20);
    let sent = 0;
    for (let read = 1; read <= 5; read++) {
      const at = read * 8000;
      const due = Math.floor((at / 1000) * 5);
      for (; sent < due; sent++) expect(floodVerdict(state, at, 20, 8000)).toBe("allow");
    }
    expect(sent).toBe(200);
  });

  it("refuses the same burst when the server was not late: it was sent at once", () => {
    const state = freshFloodState(0, 20);
    for (let i = 0; i < 20 * BURST_SECONDS; i++) floodVerdict(state, 0, 20, 0);
    expect(floodVerdict(state, 0, 20, 0)).toBe("refuse-and-warn");
  });

  it("still cuts a flood on a late server: the refill stays the limit", () => {
    const state = freshFloodState(0, 20);
    let verdict = "allow";
    // 200 events a second, read in bursts every 2 s by a server 2 s late.
    for (let t = 2000; t <= 20_000 && verdict !== "disconnect"; t += 2000) {
      for (let i = 0; i < 400 && verdict !== "disconnect"; i++) {
        verdict = floodVerdict(state, t, 20, 2000);
      }
    }
    expect(verdict).toBe("disconnect");
  });
});

describe("createLoopLag", () => {
  it("counts the stretch the loop is blocked right now", () => {
    const lag = createLoopLag();
    try {
      const until = performance.now() + 700;
      while (performance.now() < until) {
        // a turn of the loop still under way: the timer cannot have fired
      }
      expect(lag.recentMs()).toBeGreaterThan(300);
    } finally {
      lag.stop();
    }
  });

  it("measures how late its timer fires when the loop is blocked", async () => {
    const lag = createLoopLag();
    try {
      const until = performance.now() + 600;
      while (performance.now() < until) {
        // hold the loop, as a long synchronous fan-out would
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(lag.recentMs()).toBeGreaterThan(200);
    } finally {
      lag.stop();
    }
  });
});

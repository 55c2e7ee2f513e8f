/**
 * The presence tracker's bounds, without sockets: room membership is driven through the in-memory
 * adapter, the board is a recording fake, and rounds are run by hand (the timer's interval is an
 * hour). A round publishes changed articles first and never more than its cap, however many
 * joined; a failing board loses nothing and logs once.
 */
import pino from "pino";
import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import type { PresenceBoard, PresenceRound } from "../../server/realtime/presence-board.js";
import { attachPresence, type Presence } from "../../server/realtime/presence.tracker.js";
import type { ParleyServer } from "../../server/realtime/socket-types.js";

const HOUR = 3_600_000;

function recordingBoard(fail = () => false) {
  const rounds: Map<string, number>[] = [];
  const board: PresenceBoard = {
    sync({ local }: PresenceRound) {
      if (fail()) return Promise.reject(new Error("Redis is away"));
      rounds.push(new Map(local));
      return Promise.resolve(new Map([...local].filter(([, n]) => n > 0)));
    },
    close: () => Promise.resolve(),
  };
  return { board, rounds };
}

describe("presence tracker", () => {
  let presence: Presence | null = null;
  let io: ParleyServer | null = null;
  afterEach(async () => {
    // The server was never attached to an HTTP server: nothing of it to close.
    await presence?.stop();
  });

  const join = (socketId: string, articleId: string) =>
    io!.of("/").adapter.addAll(socketId, new Set([`article:${articleId}`]));

  it("publishes at most its cap per round, changed articles first, then rotates", async () => {
    io = new Server();
    const { board, rounds } = recordingBoard();
    presence = attachPresence({
      io,
      board,
      intervalMs: HOUR,
      logger: pino({ level: "silent" }),
      articlesPerRound: 50,
    });
    for (let i = 0; i < 1000; i++) await join(`s${i}`, `a${i % 300}`);
    // Other rooms (a user's, moderators) are not articles.
    await io.of("/").adapter.addAll("s0", new Set(["user:u1", "moderators"]));

    for (let r = 0; r < 6; r++) await presence.round();
    expect(rounds.every((round) => round.size <= 50)).toBe(true);
    const seen = new Set(rounds.flatMap((round) => [...round.keys()]));
    expect(seen.size).toBe(300);
    expect([...seen].every((id) => /^a\d+$/.test(id))).toBe(true);
    expect(rounds[0]!.get("a0")).toBe(4);

    // One change among 300 steady articles goes out in the very next round.
    await join("late", "a299");
    await presence.round();
    expect(rounds.at(-1)!.get("a299")).toBe(4);
    expect(presence.estimate("a299")).toBe(4);
  });

  it("keeps counts a failed round could not publish, and logs the failure once", async () => {
    io = new Server();
    let down = true;
    const { board, rounds } = recordingBoard(() => down);
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    presence = attachPresence({ io, board, intervalMs: HOUR, logger });
    await join("s1", "x");
    await presence.round();
    await presence.round();
    expect(rounds).toEqual([]);
    expect(lines).toHaveLength(1);
    down = false;
    await presence.round();
    expect(rounds[0]?.get("x")).toBe(1);
  });
});

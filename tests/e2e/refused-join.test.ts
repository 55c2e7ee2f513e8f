/**
 * A reader whose `article:join` the server refuses for now (a full read gate, a spent read budget)
 * is out of the article's room: the embed shows "Live updates are delayed." and asks again while
 * connected, from the last seq it holds, until the join is accepted; then it is live again.
 */
import { describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import {
  chromiumReady,
  commentByText,
  openPage,
  useServerAndBrowser,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";

describe.skipIf(!ready)("embed whose join is refused", () => {
  const web = useServerAndBrowser();

  it("says live updates are delayed, retries from its last seq, and goes live once accepted", async () => {
    const { server, browser } = web;
    let refusing = false;
    const refusedAfters: unknown[] = [];
    // Answer joins as a full read gate does, before the gateway sees them (so no room is joined).
    server.parley.io.on("connection", (socket) => {
      socket.use((packet, next) => {
        if (!refusing || packet[0] !== "article:join") return next();
        refusedAfters.push((packet[1] as { after?: unknown }).after);
        const ack: unknown = packet[packet.length - 1];
        if (typeof ack === "function") {
          (ack as (answer: unknown) => void)({
            ok: false,
            error: { code: "unavailable", message: "Busy; try again shortly" },
          });
        }
      });
    });
    const other = await guest(server.url, "Other Reader");
    const post = async (body: string) => {
      const res = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
        token: other.token,
        body: { body },
      });
      expect(res.status).toBe(201);
      return (res.json as { comment: { id: string; seq: number } }).comment;
    };
    const before = await post("Before the refusals.");

    const context = await browser.newContext();
    const { page, problems } = await openPage(context, `${server.url}/`);
    await commentByText(page, "Before the refusals.").waitFor();

    // Sockets opened from here have every join refused: the server says goodbye, the embed
    // comes back on a new socket, which is refused, and asked again.
    refusing = true;
    server.parley.io.disconnectSockets();
    await page.locator('[data-parley-status="delayed"]').waitFor({ state: "attached" });
    await page.locator("p.status.muted", { hasText: "Live updates are delayed." }).waitFor();
    await expect.poll(() => refusedAfters.length, WAIT).toBeGreaterThan(1);
    // Every retry asks from the seq held, never from 0.
    expect(refusedAfters.every((after) => typeof after === "number" && after >= before.seq)).toBe(
      true,
    );
    const missed = await post("Posted while the join was refused.");

    refusing = false;
    await page.locator('[data-parley-status="live"]').waitFor({ state: "attached" });
    await commentByText(page, "Posted while the join was refused.").waitFor();
    expect(await page.locator(`article[data-comment-id="${missed.id}"]`).count()).toBe(1);
    // Back in the room: the next comment comes live.
    const live = await post("Pushed live after the join was accepted.");
    await commentByText(page, "Pushed live after the join was accepted.").waitFor();
    expect(await page.locator(`article[data-comment-id="${live.id}"]`).count()).toBe(1);
    // The quiet line is gone (the live region may still hold what it said).
    await page.locator("p.status.muted", { hasText: "Live updates are delayed." }).waitFor({
      state: "detached",
    });
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});

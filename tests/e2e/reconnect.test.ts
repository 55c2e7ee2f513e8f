/**
 * The server restarts while a page is open, and another client posts meanwhile: once the page
 * reconnects it catches up with `article:join { after }` and shows the missed comment exactly once.
 * The server keeps its data in a temp-file SQLite and comes back on the same port. And a `resync`
 * makes the page fetch what it never received live. And a post whose answer is lost is retried
 * with its clientKey, leaving one comment.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  chromiumReady,
  commentByText,
  countHeading,
  launchBrowser,
  openPage,
  postAsGuest,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";

/** A port that was free a moment ago, so the restarted server can take the same one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function postByRest(base: string, token: string, body: string): Promise<string> {
  const res = await api(base, "POST", `/api/articles/${ARTICLE}/comments`, {
    token,
    body: { body },
  });
  expect(res.status).toBe(201);
  return (res.json as { comment: { id: string } }).comment.id;
}

describe.skipIf(!ready)("embed through failures: restart, resync, lost answers", () => {
  let dir: string;
  let server: TestServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parley-e2e-"));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows a comment posted while it was away, once, after reconnecting", async () => {
    const databaseUrl = `sqlite:${join(dir, "parley.db")}`;
    const port = await freePort();
    server = await startTestServer({ port, databaseUrl });
    const other = await guest(server.url, "Other Reader");
    await postByRest(server.url, other.token, "Before the restart.");

    const context = await browser.newContext();
    const { page } = await openPage(context, `${server.url}/`);
    await commentByText(page, "Before the restart.").waitFor();

    await server.stop();
    await page.locator(".banner").waitFor();
    // Hold the page offline until the missed comment exists, so it must come through catch-up.
    await context.setOffline(true);
    server = await startTestServer({ port, databaseUrl });
    const missedId = await postByRest(server.url, other.token, "Posted while the page was away.");
    // Still disconnected at this point, so only the catch-up after reconnecting can bring it.
    expect(await page.locator(".banner").isVisible()).toBe(true);
    await context.setOffline(false);

    await commentByText(page, "Posted while the page was away.").waitFor();
    await page.locator(".banner").waitFor({ state: "hidden" });
    expect(await page.locator(`article[data-comment-id="${missedId}"]`).count()).toBe(1);
    await expect.poll(() => countHeading(page).textContent(), WAIT).toBe("2 Comments");

    // Live again: the next comment arrives by push, still once.
    const liveId = await postByRest(server.url, other.token, "And live again after it.");
    await commentByText(page, "And live again after it.").waitFor();
    expect(await page.locator(`article[data-comment-id="${liveId}"]`).count()).toBe(1);
    expect(await page.locator(`article[data-comment-id="${missedId}"]`).count()).toBe(1);
    expect(await page.locator("article[data-comment-id]").count()).toBe(3);
    await context.close();
  });

  it("catches up on `resync` what never arrived live, once", async () => {
    const quiet = await startTestServer();
    try {
      const writer = await guest(quiet.url, "Quiet Writer");
      const context = await browser.newContext();
      const { page } = await openPage(context, `${quiet.url}/`);
      // Written straight to the store: no live event, as when a fan-out message is lost.
      await quiet.store.insertComment({
        id: "resync-only-1",
        articleId: ARTICLE,
        parentId: null,
        authorId: writer.user.id,
        body: "Arrived only through resync.",
        status: "published",
        clientKey: null,
        createdAt: new Date().toISOString(),
      });
      quiet.parley.io.emit("resync", { articleIds: [ARTICLE] });
      quiet.parley.io.emit("resync", { articleIds: [ARTICLE] });
      await commentByText(page, "Arrived only through resync.").waitFor();
      await expect.poll(() => countHeading(page).textContent(), WAIT).toBe("1 Comment");
      expect(await page.locator('article[data-comment-id="resync-only-1"]').count()).toBe(1);
      await context.close();
    } finally {
      await quiet.stop();
    }
  });

  it("refreshes the bell on `resync`: a reply notification that never arrived live shows", async () => {
    const quiet = await startTestServer();
    try {
      const context = await browser.newContext();
      const { page } = await openPage(context, `${quiet.url}/`);
      await postAsGuest(page, "Bell Owner", "Tell me when someone answers.");
      const threads = await api(quiet.url, "GET", `/api/articles/${ARTICLE}/comments`);
      const root = threads.json.threads[0].comment as { id: string };
      const replier = await guest(quiet.url, "Quiet Replier");
      // Straight to the store: the notification row exists, but no live event was sent.
      await quiet.store.insertComment({
        id: "resync-reply-1",
        articleId: ARTICLE,
        parentId: root.id,
        authorId: replier.user.id,
        body: "An answer nobody pushed.",
        status: "published",
        clientKey: null,
        createdAt: new Date().toISOString(),
      });
      const bell = page.getByRole("button", { name: /^Notifications/ });
      expect(await bell.getAttribute("aria-label")).not.toMatch(/1 unread/);
      quiet.parley.io.emit("resync", { articleIds: [ARTICLE] });
      await expect.poll(() => bell.getAttribute("aria-label"), WAIT).toMatch(/1 unread/);
      await context.close();
    } finally {
      await quiet.stop();
    }
  });

  it("retries a post whose answer was lost with the same clientKey: one comment", async () => {
    const lossy = await startTestServer();
    try {
      const context = await browser.newContext();
      let lost = 0;
      // The first post reaches the server and is committed, but its answer never comes back.
      await context.route("**/api/articles/*/comments", async (route) => {
        if (route.request().method() !== "POST" || lost > 0) return route.continue();
        lost += 1;
        await route.fetch();
        await route.abort("connectionreset");
      });
      const { page } = await openPage(context, `${lossy.url}/`);
      await page.getByLabel("Name", { exact: true }).fill("Flaky Wifi");
      await page.getByLabel("Comment", { exact: true }).fill("Sent once, answered never.");
      await page.getByRole("button", { name: "Post Comment" }).click();
      await commentByText(page, "Sent once, answered never.").waitFor();
      // The retry's answer clears the busy state; then count what exists.
      await page.locator("form.compose:not([aria-busy])").waitFor({ state: "attached" });
      expect(lost).toBe(1);
      const res = await api(lossy.url, "GET", `/api/articles/${ARTICLE}/comments`);
      expect((res.json as { commentCount: number }).commentCount).toBe(1);
      expect(await page.locator("article[data-comment-id]").count()).toBe(1);
      expect(await page.getByLabel("Comment", { exact: true }).inputValue()).toBe("");
      await context.close();
    } finally {
      await lossy.stop();
    }
  });
});

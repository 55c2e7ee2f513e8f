/**
 * A reader whose WebSocket cannot get through (the upgrade refused, as a blocking proxy answers it)
 * still follows the article: the embed reads its changes over HTTP every `data-parley-poll-seconds`,
 * shows "Live updates are delayed." and `data-parley-status="delayed"`, posts over REST as always,
 * and goes live again as soon as the socket connects, after which it reads nothing more over HTTP.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  chromiumReady,
  commentByText,
  launchBrowser,
  postAsGuest,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "blocked-socket-story";

/** The host site's article page, with a one-second interval between reads. */
function hostPage(serverUrl: string): string {
  return `<!doctype html><html lang="en"><head><title>Behind a proxy</title></head><body>
<div data-parley-article="${ARTICLE}" data-parley-poll-seconds="1"></div>
<script src="${serverUrl}/embed.js" async></script></body></html>`;
}

describe.skipIf(!ready)("embed with its WebSocket blocked", () => {
  let server: TestServer;
  let browser: Browser;
  let host: Server;
  let hostOrigin: string;
  let blocked = true;
  let refused = 0;

  beforeAll(async () => {
    // The host site on an origin of its own (a page fulfilled by the browser itself would fail
    // Chromium's local network checks for the socket, which is not the blocking tested here).
    host = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(hostPage(server.url));
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    server = await startTestServer({ env: { ALLOWED_ORIGINS: hostOrigin } });
    // Refuse every Engine.IO handshake while `blocked`: the browser's WebSocket upgrade gets an
    // HTTP error instead of 101, as behind a proxy that blocks WebSockets.
    const engine = server.parley.io.engine;
    const allow = engine.opts.allowRequest;
    engine.opts.allowRequest = (req, callback) => {
      if (!blocked) return allow ? allow(req, callback) : callback(null, true);
      refused += 1;
      callback("blocked by the test", false);
    };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => host?.close(resolve));
  });

  async function postByRest(token: string, body: string): Promise<string> {
    const res = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token,
      body: { body },
    });
    expect(res.status).toBe(201);
    return (res.json as { comment: { id: string } }).comment.id;
  }

  const status = (page: Page) =>
    page.locator("[data-parley-article]").getAttribute("data-parley-status");

  it("reads changes over HTTP, posts, and switches to live once the socket connects", async () => {
    const other = await guest(server.url, "Other Reader");
    await postByRest(other.token, "Before the page opened.");

    const context = await browser.newContext();
    const changesUrls: string[] = [];
    context.on("request", (request) => {
      if (request.url().includes("/changes?")) changesUrls.push(request.url());
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${hostOrigin}/article`);
    await commentByText(page, "Before the page opened.").waitFor();

    // No socket: after about one interval the section says so, quietly, and reads over HTTP.
    await page.locator('[data-parley-status="delayed"]').waitFor({ state: "attached" });
    expect(refused).toBeGreaterThan(0);
    // In the banner's place, as a muted status line (the live region says it once too).
    await page.locator("p.status.muted", { hasText: "Live updates are delayed." }).waitFor();
    expect(await page.locator(".banner").count()).toBe(0);
    expect(changesUrls.length).toBeGreaterThan(0);
    // It asks from the seq of the first page, never from 0 (which would mean the whole article).
    expect(changesUrls.every((url) => !/after=0(&|$)/.test(url))).toBe(true);

    // Another reader's comment arrives by the next read.
    const fromOther = await postByRest(other.token, "Posted while the socket is blocked.");
    await commentByText(page, "Posted while the socket is blocked.").waitFor();

    // The reader posts without a socket (REST, as always) and sees the comment once, even after
    // the next reads bring it back.
    const own = await postAsGuest(page, "Blocked Reader", "Sent without any WebSocket.");
    const ownId = await own.getAttribute("data-comment-id");
    const readsSoFar = changesUrls.length;
    await expect.poll(() => changesUrls.length, WAIT).toBeGreaterThan(readsSoFar + 1);
    expect(await page.locator(`article[data-comment-id="${ownId}"]`).count()).toBe(1);
    expect(await page.locator(`article[data-comment-id="${fromOther}"]`).count()).toBe(1);
    const stored = await api(server.url, "GET", `/api/articles/${ARTICLE}/comments`);
    expect((stored.json as { commentCount: number }).commentCount).toBe(3);
    expect(await status(page)).toBe("delayed");

    // The way opens: the socket connects with its own backoff, and the section is live again.
    blocked = false;
    await page.locator('[data-parley-status="live"]').waitFor({ state: "attached" });
    await page.locator(".banner").waitFor({ state: "hidden" });
    // From here the HTTP reads are over: a comment must come by the socket, even with them refused.
    const readsWhenLive = changesUrls.length;
    await context.route("**/changes?*", (route) => route.abort("blockedbyclient"));
    const liveId = await postByRest(other.token, "Pushed live once the socket is back.");
    await commentByText(page, "Pushed live once the socket is back.").waitFor();
    expect(await page.locator(`article[data-comment-id="${liveId}"]`).count()).toBe(1);
    expect(changesUrls.length).toBe(readsWhenLive);
    expect(await page.locator("article[data-comment-id]").count()).toBe(4);
    expect(errors).toEqual([]);
    await context.close();
  });
});

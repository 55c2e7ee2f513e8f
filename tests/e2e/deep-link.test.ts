/**
 * Deep links in real Chromium: `#parley-comment-<id>` opens the page at that comment even when its
 * thread is far past the first page (the embed fetches the thread on its own), scrolls it into
 * view and highlights it; a later hash change does the same. "Copy link" puts the comment's link
 * (the article's page + `#parley-comment-<id>`) on the clipboard. The page's URL and title become
 * the article's.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentLink } from "../../shared/comment-link.js";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { chromiumReady, launchBrowser, openPage, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";

describe.skipIf(!ready)("deep links to comments", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let oldReply: string;
  let oldRoot: string;
  let recent: string;

  async function post(token: string, body: string, parentId?: string): Promise<string> {
    const res = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token,
      body: parentId ? { body, parentId } : { body },
    });
    return (res.json as { comment: { id: string } }).comment.id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const { token } = await guest(server.url, "Early Bird");
    oldRoot = await post(token, "The very first thread");
    oldReply = await post(token, "An old reply, deep down", oldRoot);
    for (let i = 1; i <= 45; i += 1) recent = await post(token, `Newer thread ${i}`);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** True when the comment's element is highlighted, current and within the viewport. */
  function revealed(page: Page, id: string): Promise<boolean> {
    return page.evaluate((commentId) => {
      const host = document.querySelector("[data-parley-article]")!;
      const el = host.shadowRoot?.querySelector<HTMLElement>(`[data-comment-id="${commentId}"]`);
      if (!el) return false;
      const box = el.getBoundingClientRect();
      const inView = box.bottom > 0 && box.top < window.innerHeight;
      return (
        inView && el.classList.contains("highlight") && el.getAttribute("aria-current") === "true"
      );
    }, id);
  }

  it("opens at an old thread's reply far past the first page, scrolled to and highlighted", async () => {
    const { page, problems } = await openPage(
      context,
      `${server.url}/?from=mail#parley-comment-${oldReply}`,
    );
    await expect.poll(() => revealed(page, oldReply), WAIT).toBe(true);
    // Found without walking every page: only the first page of threads plus the linked one.
    expect(await page.locator("li.thread").count()).toBe(21);
    expect(
      await page.locator("article[data-comment-id]", { hasText: "The very first thread" }).count(),
    ).toBe(1);

    // A hash change (a link inside the page, the bell) reveals another comment the same way.
    await page.evaluate((id) => (window.location.hash = `#parley-comment-${id}`), recent);
    await expect.poll(() => revealed(page, recent), WAIT).toBe(true);
    expect(await revealed(page, oldReply)).toBe(false);
    expect(problems.errors).toEqual([]);
  });

  it("copies a comment's link: the article's page (as the server kept it) + its anchor", async () => {
    const { page } = await openPage(context, `${server.url}/`);
    // The first page told the server its URL and title on join (the first test's, query and
    // all, as the demo page has no <link rel="canonical">): it stays the article's page.
    const pageUrl = `${server.url}/?from=mail`;
    const threads = await api(server.url, "GET", `/api/articles/${ARTICLE}/comments?limit=1`);
    expect(threads.json.article).toMatchObject({
      url: pageUrl,
      title: "Night ferry trial to link both banks of the estuary | The Harbour Ledger",
    });
    const comment = page.locator("article[data-comment-id]", { hasText: "Newer thread 45" });
    await comment.getByRole("button", { name: "Copy link" }).click();
    await comment.getByText("Link copied").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(commentLink(pageUrl, recent));

    // Following the copied link in a fresh page opens at that comment.
    const { page: other } = await openPage(context, copied);
    await expect.poll(() => revealed(other, recent), WAIT).toBe(true);
  });
});

/**
 * A long, busy thread in the embed: "Load more comments", collapsed reply branches, "Read more »"
 * folding, the "N new comments" pill while the reader is scrolled into the thread, and edits and
 * removals arriving live.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  chromiumReady,
  commentByText,
  countHeading,
  launchBrowser,
  openPage,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";
const LONG_BODY = `${"The ferry question deserves a long answer. ".repeat(14)}And that is the end of it.`;

describe.skipIf(!ready)("a long thread in the embed", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;

  async function post(body: string, parentId?: string): Promise<string> {
    const res = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token,
      body: parentId ? { body, parentId } : { body },
    });
    return (res.json as { comment: { id: string } }).comment.id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    token = (await guest(server.url, "Busy Reader")).token;
    const longId = await post(LONG_BODY);
    for (let i = 1; i <= 6; i += 1) await post(`Reply number ${i}`, longId);
    for (let i = 1; i <= 22; i += 1) await post(`Top-level comment ${i}`);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    ({ page } = await openPage(context, `${server.url}/`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("loads 20 threads, then the rest with 'Load more comments'", async () => {
    expect(await countHeading(page).textContent()).toBe("29 Comments");
    expect(await page.locator("li.thread").count()).toBe(20);
    await page.getByRole("button", { name: "Load more comments" }).click();
    await expect.poll(() => page.locator("li.thread").count(), WAIT).toBe(23);
    expect(await page.getByRole("button", { name: "Load more comments" }).isHidden()).toBe(true);
  });

  it("collapses a long reply branch and folds a long body behind 'Read more »'", async () => {
    const thread = page.locator("li.thread", { hasText: "The ferry question" });
    expect(await thread.locator(".replies article:visible").count()).toBe(2);
    await thread.getByRole("button", { name: "Show 4 more replies" }).click();
    expect(await thread.locator(".replies article:visible").count()).toBe(6);

    const body = thread.locator("article .body").first();
    expect(await body.textContent()).not.toContain("And that is the end of it.");
    await thread.getByRole("button", { name: "Read more »" }).click();
    expect(await body.textContent()).toBe(LONG_BODY.trim());
  });

  it("holds a new comment behind a pill while the reader is inside the thread", async () => {
    await commentByText(page, "Top-level comment 5").scrollIntoViewIfNeeded();
    const id = await post("Arrived while you were reading.");
    const pill = page.getByRole("button", { name: "1 new comment" });
    await pill.waitFor();
    const replyId = await post("And a reply to it, also while waiting.", id);
    await expect.poll(() => countHeading(page).textContent(), WAIT).toBe("31 Comments");
    expect(await page.locator(`article[data-comment-id="${id}"]`).count()).toBe(0);
    expect(await pill.textContent()).toBe("1 new comment");
    await pill.click();
    await page.locator(`article[data-comment-id="${id}"]`).waitFor();
    expect(await pill.isHidden()).toBe(true);
    // The reply that came while its thread waited is under it, once.
    const thread = page.locator("li.thread", {
      has: page.locator(`article[data-comment-id="${id}"]`),
    });
    expect(await thread.locator(`article[data-comment-id="${replyId}"]`).count()).toBe(1);
    expect(await page.locator(`article[data-comment-id="${replyId}"]`).count()).toBe(1);
  });

  it("shows edits and removals live", async () => {
    const id = await post("Fares will be the same as daytime.");
    const article = page.locator(`article[data-comment-id="${id}"]`);
    await article.waitFor();
    await api(server.url, "PATCH", `/api/comments/${id}`, {
      token,
      body: { body: "Fares match the day service." },
    });
    await article.filter({ hasText: "Fares match the day service." }).waitFor();
    expect(await article.locator(".meta").textContent()).toContain("edited");
    await api(server.url, "DELETE", `/api/comments/${id}`, { token });
    await article.filter({ hasText: "This comment was removed." }).waitFor();
    expect(await article.getByRole("button", { name: "Reply" }).count()).toBe(0);
    await expect.poll(() => countHeading(page).textContent(), WAIT).toBe("31 Comments");
  });
});

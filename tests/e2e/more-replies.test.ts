/**
 * A thread with more replies than the first page carries: "Show more replies" loads the rest in
 * place, in order, and a reply arriving live while the thread is partly loaded shows once.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.js";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { chromiumReady, launchBrowser, openPage, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";
const REPLIES = limits.threadRepliesLimit + 4;

describe.skipIf(!ready)("'Show more replies' in the embed", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let rootId = "";

  async function post(body: string, parentId?: string): Promise<string> {
    const res = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token,
      body: parentId ? { body, parentId } : { body },
    });
    return (res.json as { comment: { id: string } }).comment.id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    token = (await guest(server.url, "Long Thread")).token;
    rootId = await post("Where should the night ferry stop?");
    for (let i = 1; i <= REPLIES; i += 1) await post(`Reply number ${i}`, rootId);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    ({ page } = await openPage(context, `${server.url}/`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("loads the rest of a thread in place, with a live reply shown once", async () => {
    const thread = page.locator("li.thread", { hasText: "Where should the night ferry stop?" });
    const more = thread.getByRole("button", { name: /^Show more replies/ });
    await more.waitFor();
    expect(await more.textContent()).toBe("Show more replies (4)");
    expect(await thread.locator(".replies article").count()).toBe(limits.threadRepliesLimit);

    // A live reply while the thread is partly loaded: it shows at once, at the end.
    const liveId = await post("A reply that arrived live", rootId);
    await thread.locator(`article[data-comment-id="${liveId}"]`).waitFor();

    await more.click();
    await expect.poll(() => more.count(), WAIT).toBe(0);
    const texts = await thread.locator(".replies article .body").allTextContents();
    expect(texts.map((t) => t.trim())).toEqual([
      ...Array.from({ length: REPLIES }, (_, i) => `Reply number ${i + 1}`),
      "A reply that arrived live",
    ]);
  });
});

/**
 * A post that hangs does not hang the form: under Playwright's clock (which also drives
 * AbortSignal.timeout), a comment POST that never answers is timed out and retried with the same
 * clientKey; once the retries are spent the form is enabled again with the draft kept, and
 * posting again carries that same key, so a post that did land is never doubled.
 */
import type { BrowserContext, Page, Request } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { REQUEST_TIMEOUT_MS } from "../../client/net/api.client.js";
import {
  chromiumReady,
  commentByText,
  openPage,
  useServerAndBrowser,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();

describe.skipIf(!ready)("embed post timeout", () => {
  const web = useServerAndBrowser();
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const { server, browser } = web;
    context = await browser.newContext();
    ({ page } = await openPage(context, `${server.url}/`, (p) => p.clock.install()));
  });

  it("re-enables a hung post's form, and the retry keeps its clientKey", async () => {
    const keys: string[] = [];
    let hang = true;
    await page.route("**/api/articles/*/comments", async (route, request: Request) => {
      if (request.method() !== "POST") return route.fallback();
      keys.push((request.postDataJSON() as { clientKey: string }).clientKey);
      // Left unanswered: only the embed's own timeout ends this request.
      if (hang) return;
      return route.fallback();
    });

    const button = page.getByRole("button", { name: "Post Comment" });
    await page.getByLabel("Name", { exact: true }).fill("Hana Timeout");
    await page.getByLabel("Comment", { exact: true }).fill("Is the ferry running tonight?");
    await button.click();
    await expect.poll(() => keys.length, WAIT).toBe(1);
    expect(await button.isDisabled()).toBe(true);

    // Run the page's clock past each attempt's timeout and the waits between retries.
    await expect
      .poll(async () => {
        await page.clock.runFor(REQUEST_TIMEOUT_MS + 1_000);
        return button.isEnabled();
      }, WAIT)
      .toBe(true);
    expect(keys.length).toBeGreaterThan(1);
    expect(new Set(keys).size).toBe(1);
    await page.getByText("could not be sent").waitFor();
    expect(await page.getByLabel("Comment", { exact: true }).inputValue()).toBe(
      "Is the ferry running tonight?",
    );

    hang = false;
    const tries = keys.length;
    await button.click();
    await commentByText(page, "Is the ferry running tonight?").waitFor();
    expect(keys.length).toBe(tries + 1);
    expect(keys.at(-1)).toBe(keys[0]);
  });
});

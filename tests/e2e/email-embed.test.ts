/**
 * The embed's email parts in Chromium: the guest form's "Email (optional, never shown)" sends the
 * address with the new session (its confirm mail is captured in development), the Email settings
 * panel reads and saves preferences, and typing `@` offers the thread's handles.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { chromiumReady, commentByText, launchBrowser, openPage, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";

describe.skipIf(!ready)("email in the embed", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let handle: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: "development", OUTBOX_POLL_MS: "20" } });
    const other = await guest(server.url, "Harbour Master");
    handle = other.user.handle;
    await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token: other.token,
      body: { body: "The night ferry runs again from May." },
    });
    browser = await launchBrowser();
    const context = await browser.newContext();
    ({ page } = await openPage(context, `${server.url}/`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("posts with an optional email, then offers email settings", async () => {
    await commentByText(page, "The night ferry runs again from May.").waitFor(WAIT);
    await page.getByLabel("Name").fill("Ferry Fan");
    await page.getByLabel("Email (optional, never shown)").fill("fan@reader.example");
    const box = page.getByLabel("Comment");
    await box.fill("Thanks @");
    await box.press("g");
    const option = page.getByRole("option", { name: `@${handle}` });
    await option.waitFor(WAIT);
    await option.getByRole("button").click();
    await expect.poll(() => box.inputValue(), WAIT).toBe(`Thanks @${handle} `);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await commentByText(page, `Thanks @${handle}`).waitFor(WAIT);
    // The confirm link went to the address (captured: no SMTP_URL in development).
    await expect
      .poll(
        async () =>
          (await (await fetch(`${server.url}/dev/mail`)).text()).includes("To fan@reader.example"),
        WAIT,
      )
      .toBe(true);
    await page.getByText("Email settings").click();
    const address = page.getByLabel("Email for replies (never shown)");
    await expect.poll(() => address.inputValue(), WAIT).toBe("fan@reader.example");
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Check your inbox" }).count(), WAIT)
      .toBe(1);
    await page.getByLabel("Delivery").selectOption("daily");
    await page.getByRole("button", { name: "Save" }).click();
    const token = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.includes("parley"));
      return key ? (JSON.parse(localStorage.getItem(key)!) as { token: string }).token : "";
    });
    await expect
      .poll(
        async () =>
          (await api(server.url, "GET", "/api/me/preferences", { token })).json?.emailDelivery,
        WAIT,
      )
      .toBe("daily");
  });
});

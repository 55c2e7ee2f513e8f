/**
 * Relative times stay true without a reload: under Playwright's clock, a comment's "just now"
 * becomes "2 minutes ago" (and later "1 hour ago") as the page's time moves on, whether the
 * clock runs forward or is set to a later time.
 */
import { describe, expect, it } from "vitest";
import {
  chromiumReady,
  useServerAndBrowser,
  openPage,
  postAsGuest,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();

describe.skipIf(!ready)("relative time in the embed", () => {
  const web = useServerAndBrowser();

  it("moves from 'just now' to '2 minutes ago' under Playwright's clock", async () => {
    const { server, browser } = web;
    const context = await browser.newContext();
    // The fake clock starts at the real time, so the server's timestamps and the page agree.
    const { page } = await openPage(context, `${server.url}/`, (p) => p.clock.install());
    const article = await postAsGuest(page, "Grace Hopper", "Does the ferry run on bank holidays?");
    const time = article.locator("time");
    expect(await time.textContent()).toBe("just now");
    expect(await time.getAttribute("title")).toMatch(/\d{4}/);

    await page.clock.fastForward("02:00");
    await expect.poll(() => time.textContent(), WAIT).toBe("2 minutes ago");

    await page.clock.fastForward("58:00");
    await expect.poll(() => time.textContent(), WAIT).toBe("1 hour ago");
    await context.close();
  });

  it("follows a clock that is set rather than run (setFixedTime), within a second or so", async () => {
    const { server, browser } = web;
    const context = await browser.newContext();
    const { page } = await openPage(context, `${server.url}/`, (p) => p.clock.install());
    const article = await postAsGuest(page, "Alan Turing", "Is there a late bus connection?");
    const time = article.locator("time");
    expect(await time.textContent()).toBe("just now");
    const createdAt = Date.parse((await time.getAttribute("datetime")) ?? "");
    await page.clock.setFixedTime(createdAt + 3 * 3600_000 + 60_000);
    await expect.poll(() => time.textContent(), WAIT).toBe("3 hours ago");
    await context.close();
  });
});

/**
 * The moderation page's look in real Chromium: it follows the emulated `prefers-color-scheme`,
 * and axe-core finds no serious or critical violation (contrast included) in either palette, with
 * a held comment and its buttons on screen.
 */
import { describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";
import { chromiumReady, seriousViolations, useServerAndBrowser, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();

describe.skipIf(!ready)("moderation page look", () => {
  const web = useServerAndBrowser({
    env: { SSO_SECRET: SSO_TEST_SECRET, MODERATION_MODE: "pre" },
  });

  it("passes axe-core in the light and the dark palette with a held comment", async () => {
    const { server, browser } = web;
    const author = await guest(server.url, "Held Author");
    const held = await api(server.url, "POST", "/api/articles/mod-look/comments", {
      token: author.token,
      body: { body: "A comment waiting for a moderator" },
    });
    expect(held.json.comment.status).toBe("pending");

    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/moderate#token=${await moderatorToken()}`);
    await expect.poll(() => page.url(), WAIT).not.toContain("token=");
    await page.locator("li.item", { hasText: "A comment waiting" }).waitFor();

    const backgrounds: string[] = [];
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      const violations = await seriousViolations(page);
      expect(violations, scheme).toEqual([]);
    }
    expect(backgrounds).toEqual(["rgb(251, 250, 247)", "rgb(18, 20, 23)"]);
  });
});

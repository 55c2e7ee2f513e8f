/**
 * The moderation page's look in real Chromium: it follows the emulated `prefers-color-scheme`,
 * and axe-core finds no serious or critical violation (contrast included) in either palette, with
 * a held comment and its buttons on screen.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";
import { chromiumReady, launchBrowser, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

describe.skipIf(!ready)("moderation page look", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET, MODERATION_MODE: "pre" },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("passes axe-core in the light and the dark palette with a held comment", async () => {
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
    await page.evaluate(readFileSync(axePath, "utf8"));

    const backgrounds: string[] = [];
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; impact: string | null; nodes: unknown[] }[] };
        const axe = (window as unknown as { axe: { run(context: unknown): Promise<Result> } }).axe;
        const result = await axe.run(document);
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${JSON.stringify(v.nodes).slice(0, 400)}`);
      });
      expect(violations, scheme).toEqual([]);
    }
    expect(backgrounds).toEqual(["rgb(251, 250, 247)", "rgb(18, 20, 23)"]);
  });
});

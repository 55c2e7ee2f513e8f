/**
 * "N reading now" in real Chromium, with two instances on one PostgreSQL and one Redis: readers on
 * either are counted by both; the count rises as pages open and falls as they close, hidden while
 * a reader is alone. The polite live region speaks the first count shown, not every change.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { redisServerInstalled, startRedisServer, type TestRedis } from "../helpers/redis-server.js";
import { type ScaledInstance, startScaledInstance } from "../helpers/scale-out.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { chromiumReady, launchBrowser, openPage, WAIT } from "./browser.helper.js";

const ready =
  (await chromiumReady()) &&
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

describe.skipIf(!ready)("presence in the embed", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let a: ScaledInstance;
  let b: ScaledInstance;
  let browser: Browser;

  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(), startRedisServer()]);
    const options = {
      databaseUrl: db.url,
      redisUrl: redis.url,
      keyPrefix: "e2e-presence",
      env: { PRESENCE_INTERVAL_MS: "200" },
    };
    a = await startScaledInstance(options);
    b = await startScaledInstance(options);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.close(), db?.drop()]);
  });

  const presence = (page: Page) => page.locator("p.presence");
  /** The line as a reader sees it: its text, or null while hidden. */
  const shown = async (page: Page) =>
    (await presence(page).isVisible()) ? await presence(page).textContent() : null;
  const spoken = (page: Page) => page.locator('div.sr-only[aria-live="polite"]').textContent();
  const open = async (url: string) => (await openPage(await browser.newContext(), url)).page;

  it("rises as readers open the article on either instance and falls as they leave", async () => {
    const first = await open(`${a.url}/`);
    // Alone: the server counts one reader, this one, and the line stays hidden (and empty).
    expect(await shown(first)).toBe(null);
    expect(await presence(first).textContent()).toBe("");

    const second = await open(`${b.url}/`);
    await expect.poll(() => shown(first), WAIT).toBe("2 reading now");
    await expect.poll(() => shown(second), WAIT).toBe("2 reading now");
    // The first count shown is spoken politely, on both pages.
    await expect.poll(() => spoken(first), WAIT).toBe("2 reading now");
    await expect.poll(() => spoken(second), WAIT).toBe("2 reading now");

    const third = await open(`${a.url}/`);
    await expect.poll(() => shown(first), WAIT).toBe("3 reading now");
    await expect.poll(() => shown(second), WAIT).toBe("3 reading now");
    // Shown, but not spoken again within the minute: the region keeps its last words.
    await first.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    expect(await spoken(first)).toBe("2 reading now");
    expect(await presence(first).getAttribute("aria-live")).toBe(null);

    await third.context().close();
    await expect.poll(() => shown(first), WAIT).toBe("2 reading now");
    await expect.poll(() => shown(second), WAIT).toBe("2 reading now");

    await second.context().close();
    await expect.poll(() => shown(first), WAIT).toBe(null);

    // Hostile or foreign updates change nothing: another article's, a negative or fractional
    // count, a count as text. A well-formed one (sent last) shows, so the others did arrive.
    const article = "harbour-night-ferry-2026";
    for (const update of [
      { articleId: "another-story", readers: 40 },
      { articleId: article, readers: -3 },
      { articleId: article, readers: 2.5 },
      { articleId: article, readers: "9" },
    ])
      a.parley.io.emit("presence:updated", update as never);
    a.parley.io.emit("presence:updated", { articleId: article, readers: 7 });
    await expect.poll(() => shown(first), WAIT).toBe("7 reading now");
  });
});

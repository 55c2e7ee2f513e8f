/**
 * Names and bodies in real Chromium: a name holding a right-to-left override (U+202E) stays inside
 * its own isolated element and cannot reverse the line around it, in the embed and on /moderate;
 * role badges tell a guest called "Moderator" from a moderator; a moderator's edit says so.
 */
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";
import { chromiumReady, commentByText, launchBrowser, openPage } from "./browser.helper.js";

const ready = await chromiumReady();
/** The demo page's article (client/index.html). */
const ARTICLE = "harbour-night-ferry-2026";
const OVERRIDE_NAME = "\u202EAda Reader";

/** The element's tag and computed unicode-bidi. */
const isolation = (el: Locator) =>
  el.evaluate((node) => ({
    tag: node.tagName.toLowerCase(),
    unicodeBidi: getComputedStyle(node).unicodeBidi,
  }));

/** Left edges of two elements on screen. */
async function lefts(a: Locator, b: Locator): Promise<[number, number]> {
  const [ba, bb] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  return [ba!.x, bb!.x];
}

describe.skipIf(!ready)("bidi-isolated names and role badges", () => {
  let server: TestServer;
  let browser: Browser;
  let mod: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { SSO_SECRET: SSO_TEST_SECRET } });
    browser = await launchBrowser();
    mod = await moderatorToken();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const post = async (token: string, articleId: string, body: string) =>
    (
      await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
        token,
        body: { body },
      })
    ).json.comment as { id: string; status: string };

  it("keeps an overriding name inside its element and shows who is a moderator", async () => {
    const tricky = await guest(server.url, OVERRIDE_NAME);
    await post(tricky.token, ARTICLE, "Overridden name, plain words");
    const impostor = await guest(server.url, "Moderator");
    const fake = await post(impostor.token, ARTICLE, "Trust me, I moderate here");
    await post(mod, ARTICLE, "The real moderator speaking");
    await api(server.url, "PATCH", `/api/comments/${fake.id}`, {
      token: mod,
      body: { body: "Impersonation removed by the moderators" },
    });

    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const { page, problems } = await openPage(context, `${server.url}/`);
    const article = commentByText(page, "Overridden name, plain words");
    const name = article.locator(".meta .name");
    expect(await name.textContent()).toBe(OVERRIDE_NAME);
    expect(await isolation(name)).toEqual({ tag: "bdi", unicodeBidi: "isolate" });
    expect((await isolation(article.locator(".body"))).unicodeBidi).toBe("isolate");
    // Not reversed: the badge and the handle still follow the name, left to right.
    const [nameX, badgeX] = await lefts(name, article.locator(".meta .role"));
    const [, handleX] = await lefts(name, article.locator(".meta .handle"));
    expect(badgeX).toBeGreaterThan(nameX);
    expect(handleX).toBeGreaterThan(badgeX);
    expect(await article.locator(".meta .role").textContent()).toBe("Guest");

    const impostorComment = commentByText(page, "Impersonation removed by the moderators");
    expect(await impostorComment.locator(".meta .name").textContent()).toBe("Moderator");
    expect(await impostorComment.locator(".meta .role").textContent()).toBe("Guest");
    expect(await impostorComment.locator(".meta .edited").textContent()).toContain(
      "edited by a moderator",
    );
    const real = commentByText(page, "The real moderator speaking");
    expect(await real.locator(".meta .role").textContent()).toBe("Moderator");
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("isolates names and bodies on /moderate, with the badge", async () => {
    await api(server.url, "PUT", "/api/moderation/articles/bidi-held", {
      token: mod,
      body: { moderation: "pre" },
    });
    const tricky = await guest(server.url, OVERRIDE_NAME);
    const held = await post(tricky.token, "bidi-held", "Held words \u202Ereversed inside");
    expect(held.status).toBe("pending");

    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/moderate#token=${mod}`);
    const item = page.locator("li.item", { hasText: "Held words" });
    await item.waitFor();
    const name = item.locator(".meta .name");
    expect(await isolation(name)).toEqual({ tag: "bdi", unicodeBidi: "isolate" });
    expect((await isolation(item.locator(".body"))).unicodeBidi).toBe("isolate");
    expect(await item.locator(".meta .role").textContent()).toBe("Guest");
    const [nameX, badgeX] = await lefts(name, item.locator(".meta .role"));
    expect(badgeX).toBeGreaterThan(nameX);
    await page.context().close();
  });
});

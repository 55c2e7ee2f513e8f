/** A moderator closes an article: open pages drop the form at once and say so; reopening restores it. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";
import { chromiumReady, launchBrowser, openPage, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";

describe.skipIf(!ready)("closing an article", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let mod: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { SSO_SECRET: SSO_TEST_SECRET } });
    mod = await moderatorToken();
    browser = await launchBrowser();
    ({ page } = await openPage(await browser.newContext(), `${server.url}/`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const setClosed = (closed: boolean) =>
    api(server.url, "PUT", `/api/moderation/articles/${ARTICLE}`, { token: mod, body: { closed } });

  it("hides the form live when closed, shows it again when reopened, and a new page agrees", async () => {
    const postButton = page.getByRole("button", { name: "Post Comment" });
    const note = page.getByText("Comments are closed.");
    await expect.poll(() => postButton.isVisible(), WAIT).toBe(true);
    expect((await setClosed(true)).status).toBe(200);
    await expect.poll(() => note.isVisible(), WAIT).toBe(true);
    expect(await postButton.isVisible()).toBe(false);

    const { page: fresh } = await openPage(await browser.newContext(), `${server.url}/`);
    await expect.poll(() => fresh.getByText("Comments are closed.").isVisible(), WAIT).toBe(true);
    expect(await fresh.getByRole("button", { name: "Post Comment" }).isVisible()).toBe(false);

    await setClosed(false);
    await expect.poll(() => postButton.isVisible(), WAIT).toBe(true);
    expect(await note.isVisible()).toBe(false);
  });
});

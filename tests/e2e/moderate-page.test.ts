/**
 * The moderation page in real Chromium: a moderator signs in with a host token, sees the pending
 * queue, a newly held comment arrives live, one click approves it (and it reaches readers); the
 * page passes its CSP. A member's token is refused.
 */
import { describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { moderatorToken, SSO_TEST_SECRET, ssoToken } from "../helpers/trust.js";
import { chromiumReady, useServerAndBrowser, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();

describe.skipIf(!ready)("moderation page", () => {
  const web = useServerAndBrowser({
    env: { SSO_SECRET: SSO_TEST_SECRET, MODERATION_MODE: "pre" },
  });

  const post = async (token: string, body: string) => {
    const url = web.server.url;
    return (await api(url, "POST", "/api/articles/mod-page/comments", { token, body: { body } }))
      .json.comment as { id: string; status: string };
  };

  it("shows the live queue and approves with one click", async () => {
    const { server, browser } = web;
    const author = await guest(server.url, "Held Author");
    const first = await post(author.token, "First held comment");
    expect(first.status).toBe("pending");

    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${server.url}/moderate#token=${await moderatorToken()}`);
    await expect.poll(() => page.url(), WAIT).not.toContain("token=");
    const item = (text: string) => page.locator("li.item", { hasText: text });
    await item("First held comment").waitFor();

    await post(author.token, "Second, arriving live");
    await item("Second, arriving live").waitFor();

    await item("First held comment").getByRole("button", { name: "Approve" }).click();
    await item("First held comment").waitFor({ state: "detached" });
    const page1 = await api(server.url, "GET", "/api/articles/mod-page/comments");
    expect(page1.json.threads.map((t: { comment: { body: string } }) => t.comment.body)).toEqual([
      "First held comment",
    ]);
    await expect.poll(() => page.locator('[data-count="pending"]').textContent(), WAIT).toBe("1");
    expect(errors).toEqual([]);
  });

  it("refuses a member's token", async () => {
    const { server, browser } = web;
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/moderate`);
    await page.getByLabel("Moderator token").fill(await ssoToken({ sub: "m", role: "member" }));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("#status").textContent(), WAIT)
      .toBe("That token was refused");
    expect(await page.locator("#queue").isHidden()).toBe(true);
  });
});

/**
 * Editors' picks in real Chromium: a moderator (host single sign-on, role moderator) pins from the
 * embed and a reader on another page sees the pick appear on top, labelled, live; the pinned copy
 * leads to the comment in its thread; unpinning removes it live; a fourth pin is refused with a
 * clear line; a pin that never arrived live shows after `resync`.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";
import { chromiumReady, commentByText, launchBrowser, openPage, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";
const HOSTILE = "<img src=x onerror=alert(1)> pinned as text";
const BODIES = [
  "Pick one: the timetable",
  "Pick two: the harbour",
  "Pick three: the crew",
  HOSTILE,
];

describe.skipIf(!ready)("editors' picks in the embed", () => {
  let server: TestServer;
  let browser: Browser;
  let mod: string;
  let desk: Page;
  let reader: Page;
  const ids: string[] = [];
  let modId = "";

  beforeAll(async () => {
    server = await startTestServer({ env: { SSO_SECRET: SSO_TEST_SECRET } });
    mod = await moderatorToken();
    const writer = await guest(server.url, "Pia Writer");
    for (const body of BODIES) {
      const answer = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
        token: writer.token,
        body: { body },
      });
      ids.push(answer.json.comment.id as string);
    }
    // The moderator's own comment makes the server know them (their id, for the store below).
    const own = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token: mod,
      body: { body: "A word from the desk" },
    });
    modId = own.json.comment.author.id as string;
    browser = await launchBrowser();
    ({ page: reader } = await openPage(await browser.newContext(), `${server.url}/`));
    // The moderator's page: the demo page, signed in by the host as a moderator before it mounts.
    ({ page: desk } = await openPage(await browser.newContext(), `${server.url}/`, async (page) => {
      await page.addInitScript((token) => {
        document.addEventListener("DOMContentLoaded", () => {
          document.querySelector("[data-parley-article]")?.setAttribute("data-parley-token", token);
        });
      }, mod);
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const picks = (page: Page) => page.getByRole("region", { name: "Editors' picks" });
  const pickedTexts = (page: Page) => picks(page).locator("li .pin-body").allTextContents();
  const pinButton = (page: Page, body: string, name: "Pin" | "Unpin") =>
    commentByText(page, body).getByRole("button", { name, exact: true });

  it("pins from the embed, live and labelled for a reader; unpins live; refuses a fourth", async () => {
    expect(await picks(reader).isVisible()).toBe(false);
    // Readers are offered no Pin; the moderator is, on every published comment.
    expect(await reader.getByRole("button", { name: "Pin", exact: true }).count()).toBe(0);
    await expect
      .poll(() => desk.getByRole("button", { name: "Pin", exact: true }).count(), WAIT)
      .toBe(5);

    await pinButton(desk, BODIES[0]!, "Pin").click();
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual([BODIES[0]]);
    const pick = picks(reader).locator("li").first();
    expect(await pick.getByText("Pinned", { exact: true }).isVisible()).toBe(true);
    expect(await pick.getByText("Pia Writer").isVisible()).toBe(true);
    // Still in its thread too, and the moderator's button now unpins.
    expect(await commentByText(reader, BODIES[0]!).count()).toBe(1);
    await pinButton(desk, BODIES[0]!, "Unpin").waitFor();
    // Focus stays on the button the moderator pressed, now Unpin.
    const focused = () =>
      desk.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent ?? null);
    expect(await focused()).toBe("Unpin");

    // A hostile body is text in the pinned copy too.
    await pinButton(desk, HOSTILE, "Pin").click();
    await pinButton(desk, BODIES[1]!, "Pin").click();
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual([BODIES[0], HOSTILE, BODIES[1]]);
    expect(await picks(reader).locator("img").count()).toBe(0);

    // The fourth is refused, clearly, beside the button; nothing changes for the reader.
    await pinButton(desk, BODIES[2]!, "Pin").click();
    const refusal = commentByText(desk, BODIES[2]!).getByRole("alert");
    await expect
      .poll(() => refusal.textContent(), WAIT)
      .toBe("At most 3 pinned comments per article. Unpin one first.");
    expect(await pinButton(desk, BODIES[2]!, "Pin").isVisible()).toBe(true);
    expect(await pickedTexts(reader)).toHaveLength(3);

    // The pinned copy leads to the comment in its thread.
    await picks(reader).locator("li").first().getByRole("link", { name: "Show in thread" }).click();
    await expect
      .poll(() => commentByText(reader, BODIES[0]!).getAttribute("aria-current"), WAIT)
      .toBe("true");

    await pinButton(desk, BODIES[0]!, "Unpin").click();
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual([HOSTILE, BODIES[1]]);
    await pinButton(desk, BODIES[0]!, "Pin").waitFor();

    // A new reader gets the picks with the first page, oldest pin first.
    const { page: fresh } = await openPage(await browser.newContext(), `${server.url}/`);
    await expect.poll(() => pickedTexts(fresh), WAIT).toEqual([HOSTILE, BODIES[1]]);
    await fresh.context().close();
  });

  it("ignores pin events for another article or malformed ones", async () => {
    const before = await pickedTexts(reader);
    const comment = (await api(server.url, "GET", `/api/comments/${ids[2]!}/thread`)).json.thread
      .comment as { id: string };
    const pinnedAt = new Date().toISOString();
    for (const event of [
      { articleId: "another-story", comment, pinnedAt },
      { articleId: ARTICLE, comment: { id: ids[2]!, body: "<b>forged</b>" }, pinnedAt },
      { articleId: ARTICLE, comment, pinnedAt: 42 },
    ])
      server.parley.io.emit("comment:pinned", event as never);
    server.parley.io.emit("comment:unpinned", { articleId: "another-story", commentId: ids[0]! });
    server.parley.io.emit("comment:unpinned", { articleId: ARTICLE, commentId: 7 } as never);
    // A last, well-formed one shows (and its unpin removes it): the others did arrive.
    server.parley.io.emit("comment:pinned", { articleId: ARTICLE, comment, pinnedAt } as never);
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual([...before, BODIES[2]]);
    server.parley.io.emit("comment:unpinned", { articleId: ARTICLE, commentId: ids[2]! });
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual(before);
  });

  it("follows an edit and a removal of a pinned comment", async () => {
    const hostileId = ids[3]!;
    await api(server.url, "PATCH", `/api/comments/${hostileId}`, {
      token: mod,
      body: { body: "Edited while pinned" },
    });
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual(["Edited while pinned", BODIES[1]]);
    await api(server.url, "DELETE", `/api/comments/${hostileId}`, { token: mod });
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual([BODIES[1]]);
  });

  it("shows after `resync` a pin that never arrived live", async () => {
    // Written straight to the store: no live event, as when a fan-out message is lost.
    await server.store.pinComment({
      commentId: ids[2]!,
      moderatorId: modId,
      pinnedAt: new Date().toISOString(),
      maxPerArticle: 3,
      log: {
        id: "e2e-pin-log-1",
        articleId: ARTICLE,
        commentId: ids[2]!,
        moderatorId: modId,
        action: "pin",
        reason: null,
        createdAt: new Date().toISOString(),
      },
    });
    // The first page's pins may be cached for a moment: each resync asks again.
    await expect
      .poll(async () => {
        server.parley.io.emit("resync", { articleIds: [ARTICLE] });
        return pickedTexts(reader);
      }, WAIT)
      .toEqual([BODIES[1], BODIES[2]]);
  });

  it("reloads the picks after an outage: a pin made while the reader was away shows", async () => {
    const status = () => reader.locator("[data-parley-article]").getAttribute("data-parley-status");
    // The server drops every connection; the embed comes back after a short random pause.
    server.parley.io.disconnectSockets(true);
    const answer = await api(server.url, "PUT", `/api/comments/${ids[0]!}/pin`, { token: mod });
    expect(answer.status).toBe(200);
    await expect.poll(() => pickedTexts(reader), WAIT).toEqual([BODIES[1], BODIES[2], BODIES[0]]);
    await expect.poll(status, WAIT).toBe("live");
  });
});

/**
 * The embed in two real browsers on one article: a guest's comment reaches the other reader live
 * with "just now" and the count; a reply lights the first reader's bell (in every tab, and reading
 * it clears every tab); markup in a body stays text; the page passes CSP and axe-core.
 */
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  chromiumReady,
  commentByText,
  countHeading,
  cspViolations,
  openPage,
  type PageProblems,
  postAsGuest,
  seriousViolations,
  useServerAndBrowser,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();

describe.skipIf(!ready)("embed in two browsers", () => {
  const web = useServerAndBrowser();
  let ada: BrowserContext;
  let ben: BrowserContext;
  let adaPage: Page;
  let adaProblems: PageProblems;
  let benPage: Page;

  beforeAll(async () => {
    const { server, browser } = web;
    ada = await browser.newContext();
    ben = await browser.newContext();
    ({ page: adaPage, problems: adaProblems } = await openPage(ada, `${server.url}/`));
    ({ page: benPage } = await openPage(ben, `${server.url}/`));
  });

  it("shows a guest's comment live in the other browser, with 'just now' and the count", async () => {
    await expect.poll(() => countHeading(benPage).textContent(), WAIT).toBe("0 Comments");
    await benPage.getByText("No comments yet").waitFor();
    await postAsGuest(adaPage, "Ada Lovelace", "Will the night ferry take bicycles?");

    const seen = commentByText(benPage, "Will the night ferry take bicycles?");
    await seen.waitFor();
    expect(await seen.locator("time").textContent()).toBe("just now");
    expect(await seen.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await seen.textContent()).toContain("@guest_");
    expect(await benPage.getByText("No comments yet").isHidden()).toBe(true);
    await expect.poll(() => countHeading(benPage).textContent(), WAIT).toBe("1 Comment");
    await expect.poll(() => countHeading(adaPage).textContent(), WAIT).toBe("1 Comment");
  });

  it("lights the author's bell on a reply, in every tab, and reading it clears them all", async () => {
    const { server } = web;
    const { page: adaSecondTab } = await openPage(ada, `${server.url}/`);
    const question = commentByText(benPage, "Will the night ferry take bicycles?");
    await question.getByRole("button", { name: "Reply" }).click();
    const reply = await postAsGuest(benPage, "Ben Okri", "Yes, there are racks for six bikes.");
    expect(await reply.textContent()).toContain("Reply to Ada Lovelace");
    const replyId = await reply.getAttribute("data-comment-id");

    for (const page of [adaPage, adaSecondTab]) {
      const bell = page.getByRole("button", { name: /^Notifications/ });
      await expect
        .poll(() => bell.getAttribute("aria-label"), WAIT)
        .toBe("Notifications, 1 unread");
      expect(await bell.textContent()).toBe("1");
    }
    // The reply also arrived live, under the question, on Ada's page.
    await commentByText(adaPage, "Yes, there are racks for six bikes.").waitFor();

    await adaPage.getByRole("button", { name: /^Notifications/ }).click();
    const link = adaPage.getByRole("link", { name: /Ben Okri replied to your comment/ });
    expect(await link.getAttribute("href")).toBe(`#parley-comment-${replyId}`);
    await link.click();
    await expect
      .poll(
        () =>
          adaPage.evaluate(() =>
            document.activeElement?.shadowRoot?.activeElement?.getAttribute("data-comment-id"),
          ),
        WAIT,
      )
      .toBe(replyId);
    const otherBell = adaSecondTab.getByRole("button", { name: /^Notifications/ });
    await expect
      .poll(() => otherBell.getAttribute("aria-label"), WAIT)
      .toBe("Notifications, 0 unread");
    await adaSecondTab.close();
  });

  it("'Notify of: all' is stored and brings new follow-up comments to the bell", async () => {
    const { server } = web;
    await adaPage.getByLabel("Notify of").selectOption("all");
    const said = adaPage.locator("[aria-live]");
    await expect.poll(() => said.textContent(), WAIT).toBe("Notification choice saved.");
    const { page: check } = await openPage(ada, `${server.url}/`);
    await expect.poll(() => check.getByLabel("Notify of").inputValue(), WAIT).toBe("all");
    await check.close();

    await postAsGuest(benPage, "Ben Okri", "Will there be a café on board?");
    const bell = adaPage.getByRole("button", { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute("aria-label"), WAIT).toBe("Notifications, 1 unread");
  });

  it("takes votes live, offers 'Most liked' once scores exist, and takes reports", async () => {
    const question = "Will the night ferry take bicycles?";
    // Ada cannot vote on her own comment; Ben can, and Ada sees the score move live.
    expect(
      await commentByText(adaPage, question).getByRole("button", { name: "Vote up" }).count(),
    ).toBe(0);
    const bens = commentByText(benPage, question);
    await bens.getByRole("button", { name: "Vote up" }).click();
    await expect
      .poll(() => commentByText(adaPage, question).locator(".score").textContent(), WAIT)
      .toBe("1");
    expect(await bens.getByRole("button", { name: "Vote up" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await expect
      .poll(
        () =>
          adaPage.locator('option[value="top"]').evaluate((o) => (o as HTMLOptionElement).hidden),
        WAIT,
      )
      .toBe(false);

    await bens.getByRole("button", { name: "Report" }).click();
    await bens.getByRole("button", { name: "Report it" }).click();
    await bens.getByText("Reported. Thank you.").waitFor();
  });

  it("shows markup in a body as text and runs nothing", async () => {
    const markup = "<img src=x onerror=alert(1)>";
    const mine = await postAsGuest(adaPage, "Ada Lovelace", markup);
    const theirs = commentByText(benPage, markup);
    await theirs.waitFor();
    for (const article of [mine, theirs]) {
      expect(await article.locator(".body").textContent()).toBe(markup);
      expect(await article.locator("img").count()).toBe(0);
    }
    expect(adaProblems.dialogs).toEqual([]);
    expect(adaProblems.errors).toEqual([]);
  });

  it("makes http(s) links clickable with rel=nofollow ugc noopener, and nothing else", async () => {
    await postAsGuest(
      adaPage,
      "Ada Lovelace",
      "Timetable: https://example.org/ferry. Not a link: javascript:alert(1)",
    );
    const article = commentByText(benPage, "Timetable:");
    await article.waitFor();
    const links = article.locator(".body a");
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute("href")).toBe("https://example.org/ferry");
    expect(await links.getAttribute("rel")).toBe("nofollow ugc noopener");
  });

  it("keeps its styles under the server's strict CSP, scoped away from the host page", async () => {
    expect(await cspViolations(adaPage)).toEqual([]);
    const post = adaPage.getByRole("button", { name: "Post Comment" });
    // The embed's own rules apply (accent background) and the host's `button { uppercase }` does not.
    expect(await post.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgb(11, 92, 173)",
    );
    expect(await post.evaluate((el) => getComputedStyle(el).textTransform)).toBe("none");
  });

  it("lets the author edit and delete her comment; the other reader sees both live", async () => {
    const posted = await postAsGuest(adaPage, "Ada Lovelace", "Teh last sailing is at 11.45.");
    const id = await posted.getAttribute("data-comment-id");
    const mine = adaPage.locator(`article[data-comment-id="${id}"]`);
    const seen = benPage.locator(`article[data-comment-id="${id}"]`);
    await seen.waitFor();
    expect(await seen.getByRole("button", { name: "Edit" }).count()).toBe(0);

    await mine.getByRole("button", { name: "Edit" }).click();
    await mine.getByLabel("Edited text").fill("The last sailing is at 11.45.");
    await mine.getByRole("button", { name: "Save" }).click();
    await seen.filter({ hasText: "The last sailing is at 11.45." }).waitFor();
    expect(await seen.locator(".meta").textContent()).toContain("edited");

    await mine.getByRole("button", { name: "Delete" }).click();
    await mine.getByRole("button", { name: "Yes, delete" }).click();
    await seen.filter({ hasText: "This comment was removed." }).waitFor();
  });

  it("has no serious or critical axe-core violations, panel and reply form open", async () => {
    const { server } = web;
    // A fresh tab: no fade-in animations in flight to blur the colour checks.
    const { page } = await openPage(ada, `${server.url}/`);
    await commentByText(page, "Timetable:").waitFor();
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await page.getByText("Ben Okri replied to your comment").waitFor();
    await commentByText(page, "Will the night ferry")
      .getByRole("button", { name: "Reply" })
      .click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("keeps another article's thread apart (the /other demo page)", async () => {
    const { server } = web;
    const { page: other } = await openPage(ada, `${server.url}/other`);
    expect(await other.locator("[data-parley-article]").getAttribute("data-parley-article")).toBe(
      "customs-house-reading-room",
    );
    expect(await other.locator("article[data-comment-id]").count()).toBe(0);
    await postAsGuest(other, "Ada Lovelace", "Only about the reading room.");
    expect(await countHeading(other).textContent()).toBe("1 Comment");
    // A later comment on the ferry story reaches Ben; the reading-room one never does.
    await postAsGuest(adaPage, "Ada Lovelace", "Back to the ferry.");
    await commentByText(benPage, "Back to the ferry.").waitFor();
    expect(await commentByText(benPage, "Only about the reading room.").count()).toBe(0);
    await other.close();
  });
});

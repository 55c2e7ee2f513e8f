/**
 * Names and bodies in real Chromium: a name holding a right-to-left override (U+202E) stays inside
 * its own isolated element and cannot reverse the line around it, in the embed and on /moderate;
 * role badges tell a guest called "Moderator" from a moderator; a moderator's edit says so.
 * Mixed directions: on an Arabic page an English comment reads left to right and an `@handle`
 * (in the meta line, in a body, in the mention list) reads `@handle`; on an English page an
 * Arabic comment (even one that starts with a mention) reads right to left, line by line; a name
 * with a stray isolate (U+2069) cannot escape its `<bdi>`; report reasons are isolated too.
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
/** A stray PDI would close the name's isolate early, letting the override reverse the line. */
const ESCAPE_NAME = "\u2069\u202EEve Stray";

/** The element's tag and computed unicode-bidi. */
const isolation = (el: Locator) =>
  el.evaluate((node) => ({
    tag: node.tagName.toLowerCase(),
    unicodeBidi: getComputedStyle(node).unicodeBidi,
  }));

/** The on-screen box of the first occurrence of `text` in the element's text nodes. */
const textBox = (el: Locator, text: string) =>
  el.evaluate((node, text) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n.textContent ?? "").indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + text.length);
      const { left, right } = range.getBoundingClientRect();
      return { left, right };
    }
    throw new Error(`no text ${text}`);
  }, text);

/** Computed direction and unicode-bidi. */
const bidiOf = (el: Locator) =>
  el.evaluate((node) => {
    const style = getComputedStyle(node);
    return { direction: style.direction, unicodeBidi: style.unicodeBidi };
  });

/** Asserts that `@handle` shows with the `@` on the left of the handle, as written. */
async function readsAsWritten(el: Locator, handle: string): Promise<void> {
  expect(await el.textContent()).toBe(`@${handle}`);
  const [at, rest] = await Promise.all([textBox(el, "@"), textBox(el, handle)]);
  expect(at.right).toBeLessThanOrEqual(rest.left + 0.5);
}

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
    // Initials skip the override: its first letters, not an invisible control.
    expect(await article.locator(".avatar").textContent()).toBe("AR");
    expect(await isolation(name)).toEqual({ tag: "bdi", unicodeBidi: "isolate" });
    expect(await bidiOf(article.locator(".body"))).toEqual({
      direction: "ltr",
      unicodeBidi: "plaintext",
    });
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
    expect((await isolation(item.locator(".body"))).unicodeBidi).toBe("plaintext");
    expect(await isolation(item.locator(".meta .handle"))).toEqual({
      tag: "bdi",
      unicodeBidi: "isolate",
    });
    await readsAsWritten(item.locator(".meta .handle"), tricky.user.handle);
    expect(await item.locator(".meta .role").textContent()).toBe("Guest");
    const [nameX, badgeX] = await lefts(name, item.locator(".meta .role"));
    expect(badgeX).toBeGreaterThan(nameX);
    await page.context().close();
  });

  it("keeps English, Arabic and @handles in their own direction on an Arabic page", async () => {
    const ada = await guest(server.url, "Ada Lovelace");
    const omar = await guest(server.url, "عمر الفاروق");
    const english = `Thanks @${omar.user.handle}, the notes are at https://example.org/ferry/`;
    await post(ada.token, ARTICLE, english);
    const arabic = `@${ada.user.handle} شكرا على الرابط`;
    await post(omar.token, ARTICLE, arabic);

    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const { page, problems } = await openPage(context, `${server.url}/`, async (p) => {
      await p.addInitScript(() => {
        document.addEventListener("DOMContentLoaded", () => {
          document.querySelector("[data-parley-article]")?.setAttribute("data-parley-locale", "ar");
        });
      });
    });
    await page.locator('div.parley[dir="rtl"]').waitFor();

    // The English comment: its body left to right, its author's handle `@guest_…`.
    const en = commentByText(page, "the notes are at");
    const enBody = en.locator(".body");
    expect(await enBody.getAttribute("dir")).toBe("auto");
    expect(await bidiOf(enBody)).toEqual({ direction: "ltr", unicodeBidi: "plaintext" });
    const bodyBox = (await enBody.boundingBox())!;
    expect((await textBox(enBody, "Thanks")).left).toBeLessThan(bodyBox.x + 2);
    await readsAsWritten(en.locator(".meta .handle"), ada.user.handle);
    await readsAsWritten(enBody.locator("bdi"), omar.user.handle);
    const link = enBody.locator("a");
    expect(await link.getAttribute("dir")).toBe("ltr");
    // The address's final slash stays at its end, not on the far side of the address.
    const url = "https://example.org/ferry/";
    expect((await textBox(link, url.slice(-1))).left).toBeGreaterThan(
      (await textBox(link, "https")).left,
    );

    // The Arabic comment starts with a mention, yet reads right to left: the mention is skipped.
    const ar = commentByText(page, "شكرا على الرابط");
    const arBody = ar.locator(".body");
    expect(await bidiOf(arBody)).toEqual({ direction: "rtl", unicodeBidi: "plaintext" });
    const mention = arBody.locator("bdi");
    await readsAsWritten(mention, ada.user.handle);
    // First in reading order, so rightmost on screen.
    expect((await mention.boundingBox())!.x).toBeGreaterThan(
      (await textBox(arBody, "شكرا")).right - 0.5,
    );
    // In a right-to-left meta line the name is rightmost, then the badge, then the handle.
    const [nameX, badgeX] = await lefts(ar.locator(".meta .name"), ar.locator(".meta .role"));
    const [, handleX] = await lefts(ar.locator(".meta .name"), ar.locator(".meta .handle"));
    expect(nameX).toBeGreaterThan(badgeX);
    expect(badgeX).toBeGreaterThan(handleX);
    await readsAsWritten(ar.locator(".meta .handle"), omar.user.handle);

    // The overriding name stays in its <bdi> here too.
    const tricky = commentByText(page, "Overridden name, plain words");
    expect(await isolation(tricky.locator(".meta .name"))).toEqual({
      tag: "bdi",
      unicodeBidi: "isolate",
    });

    // Typing: the comment box takes each line's direction; suggestions read `@handle`.
    const box = page.locator("form.compose textarea").first();
    expect((await bidiOf(box)).unicodeBidi).toBe("plaintext");
    await box.pressSequentially(`@${ada.user.handle.slice(0, 3)}`);
    const suggestion = page.locator(".mention-list button bdi", { hasText: ada.user.handle });
    await readsAsWritten(suggestion, ada.user.handle);
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("reads an Arabic comment right to left on an English page, line by line", async () => {
    const omar = await guest(server.url, "عمر الفاروق");
    const ada = await guest(server.url, "Ada Lovelace");
    await post(omar.token, ARTICLE, `@${ada.user.handle} مرحبا بالجميع\nSee you on the late boat`);
    const stray = await guest(server.url, ESCAPE_NAME);
    await post(stray.token, ARTICLE, "A stray isolate in my name");

    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const { page, problems } = await openPage(context, `${server.url}/`);
    const ar = commentByText(page, "مرحبا بالجميع");
    const body = ar.locator(".body");
    expect(await bidiOf(body)).toEqual({ direction: "rtl", unicodeBidi: "plaintext" });
    const bodyBox = (await body.boundingBox())!;
    const right = bodyBox.x + bodyBox.width;
    // The Arabic line hugs the right edge, with its mention rightmost; the English one the left.
    const mention = (await body.locator("bdi").boundingBox())!;
    expect(mention.x + mention.width).toBeGreaterThan(right - 2);
    await readsAsWritten(body.locator("bdi"), ada.user.handle);
    expect((await textBox(body, "See you")).left).toBeLessThan(bodyBox.x + 2);
    // An Arabic name on an English line: name, then badge, then handle, left to right.
    const [nameX, badgeX] = await lefts(ar.locator(".meta .name"), ar.locator(".meta .role"));
    expect(badgeX).toBeGreaterThan(nameX);

    // The stray PDI is dropped, so the override stays in the name and the line keeps its order.
    const escaped = commentByText(page, "A stray isolate in my name");
    const name = escaped.locator(".meta .name");
    expect(await name.textContent()).toBe("\u202EEve Stray");
    const [strayX, strayBadgeX] = await lefts(name, escaped.locator(".meta .role"));
    const [, strayHandleX] = await lefts(name, escaped.locator(".meta .handle"));
    expect(strayBadgeX).toBeGreaterThan(strayX);
    expect(strayHandleX).toBeGreaterThan(strayBadgeX);
    await readsAsWritten(escaped.locator(".meta .handle"), stray.user.handle);
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it("isolates each report reason on /moderate", async () => {
    const writer = await guest(server.url, "Ada Lovelace");
    const reported = await post(writer.token, ARTICLE, "Reported words here");
    for (const reason of ["\u2069\u202Espam link", "إساءة"]) {
      const reporter = await guest(server.url, "Reporter");
      await api(server.url, "POST", `/api/comments/${reported.id}/reports`, {
        token: reporter.token,
        body: { reason },
      });
    }
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/moderate#token=${mod}`);
    await page.getByRole("tab", { name: "Reported" }).click();
    const reasons = page.locator("li.item", { hasText: "Reported words here" }).locator(".reasons");
    await reasons.waitFor();
    const isolated = reasons.locator("bdi");
    expect(await isolated.allTextContents()).toEqual(["إساءة", "\u202Espam link"]);
    // The count stays first, on the left, whatever the reasons hold.
    const count = await textBox(reasons, "Reported");
    const first = (await isolated.first().boundingBox())!;
    expect(count.left).toBeLessThan(first.x);
    await page.context().close();
  });

  it("isolates the name and the article title in the bell", async () => {
    const ada = await guest(server.url, "Ada Lovelace");
    const root = await post(ada.token, "bidi-elsewhere", "A comment on another story");
    await api(server.url, "PUT", "/api/moderation/articles/bidi-elsewhere", {
      token: mod,
      body: { url: "https://news.example/ferry", title: "العبّارة الليلية 2026" },
    });
    const omar = await guest(server.url, ESCAPE_NAME);
    await api(server.url, "POST", "/api/articles/bidi-elsewhere/comments", {
      token: omar.token,
      body: { body: "رد على تعليقك", parentId: root.id },
    });

    const context = await browser.newContext();
    const { page, problems } = await openPage(context, `${server.url}/`, async (p) => {
      await p.addInitScript((session) => {
        localStorage.setItem("parley:session", session);
      }, JSON.stringify(ada));
    });
    await page.locator("button.bell").click();
    const item = page.locator(".notification-list li").first();
    await item.waitFor();
    const [who, title] = [item.locator(".what bdi"), item.locator(".excerpt bdi")];
    expect(await who.textContent()).toBe("\u202EEve Stray");
    expect(await title.textContent()).toBe("العبّارة الليلية 2026");
    expect(await item.locator(".excerpt").first().getAttribute("dir")).toBe("auto");
    // "On" first, on the left, the title after it; " replied to your comment" after the name.
    expect((await textBox(item, "On ")).right).toBeLessThanOrEqual(
      (await title.boundingBox())!.x + 0.5,
    );
    expect((await textBox(item, " replied")).left).toBeGreaterThanOrEqual(
      (await who.boundingBox())!.x,
    );
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});

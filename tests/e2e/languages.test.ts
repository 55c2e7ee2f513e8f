/**
 * The embed in other languages, in real Chromium, on a host site of its own origin (so catalogues
 * come cross-origin, as on a news site): a German page (`<html lang="de-AT">`) and an Arabic one
 * (`data-parley-locale="ar-EG"`, winning over `<html lang="en">`) render their catalogue, plurals
 * and relative times; Arabic lays out right to left with all six plural forms (0, 1, 2, 3, 11 and
 * 100 comments); the browser's language when the page names none; English when the catalogue
 * cannot be had or for a language Parley does not ship; a hostile catalogue shows as text only;
 * /moderate follows `?locale=`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { chromiumReady, launchBrowser, seriousViolations, WAIT } from "./browser.helper.js";

const ready = await chromiumReady();

/** A host article page: `lang` on <html> (none if absent, blank if blank), `locale` on each section. */
function hostPage(serverUrl: string, query: URLSearchParams): string {
  const lang = query.get("lang");
  const locale = query.get("locale");
  const sections = (query.get("articles") ?? "lang-story")
    .split(",")
    .map(
      (id) =>
        `<section><h2>${id}</h2><div data-parley-article="${id}"${
          locale ? ` data-parley-locale="${locale}"` : ""
        }></div></section>`,
    )
    .join("\n");
  return `<!doctype html><html${lang === null ? "" : ` lang="${lang}"`}><head><title>Host</title></head>
<body><main>${sections}</main><script src="${serverUrl}/embed.js" async></script></body></html>`;
}

describe.skipIf(!ready)("the embed in other languages", () => {
  let server: TestServer;
  let browser: Browser;
  let host: Server;
  let hostOrigin: string;

  /** Writes `n` published comments on `articleId` straight to the store. */
  async function seed(articleId: string, n: number, authorId: string): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await server.store.insertComment({
        id: `${articleId}-${i}`,
        articleId,
        parentId: null,
        authorId,
        body: `Comment ${i + 1} on ${articleId}`,
        status: "published",
        clientKey: null,
        createdAt: new Date().toISOString(),
      });
    }
  }

  /** Opens a host page and waits until every section on it is live. */
  async function open(context: BrowserContext, query: string, sections = 1) {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${hostOrigin}/?${query}`);
    await expect
      .poll(() => page.locator('[data-parley-status="live"]').count(), WAIT)
      .toBe(sections);
    return { page, problems };
  }

  const root = (page: Page, n = 0) => page.locator("div.parley").nth(n);
  const heading = (page: Page, n = 0) => page.locator("h2.count").nth(n);

  beforeAll(async () => {
    host = createServer((req, res) => {
      const query = new URL(req.url ?? "/", "http://host").searchParams;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(hostPage(server.url, query));
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    server = await startTestServer({ env: { ALLOWED_ORIGINS: hostOrigin } });
    const writer = await guest(server.url, "Seed Writer");
    for (const n of [1, 2, 3, 11, 100]) await seed(`count-${n}`, n, writer.user.id);
    await seed("de-story", 1, writer.user.id);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => host?.close(resolve));
  });

  it("speaks German on a de-AT page: texts, plurals, relative time, lang and dir", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const { page, problems } = await open(context, "lang=de-AT&articles=de-story");
    expect(await root(page).getAttribute("lang")).toBe("de");
    expect(await root(page).getAttribute("dir")).toBe("ltr");
    expect(await heading(page).textContent()).toBe("1 Kommentar");
    expect(await page.locator("time").first().textContent()).toBe("jetzt");
    await page.getByLabel("Name", { exact: true }).fill("Greta Gast");
    await page.getByLabel("Kommentar", { exact: true }).fill("Fährt die Fähre auch sonntags?");
    await page.getByRole("button", { name: "Kommentar senden" }).click();
    await page.locator("article", { hasText: "Fährt die Fähre auch sonntags?" }).waitFor();
    await expect.poll(() => heading(page).textContent(), WAIT).toBe("2 Kommentare");
    expect(await page.getByRole("button", { name: "Antworten" }).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("writes Arabic right to left, with Arabic words and all six plural forms", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const articles = ["count-0", "count-1", "count-2", "count-3", "count-11", "count-100"];
    const { page, problems } = await open(
      context,
      `lang=en&locale=ar-EG&articles=${articles.join(",")}`,
      articles.length,
    );
    for (let n = 0; n < articles.length; n += 1) {
      expect(await root(page, n).getAttribute("dir")).toBe("rtl");
      expect(await root(page, n).getAttribute("lang")).toBe("ar");
    }
    const direction = await root(page).evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe("rtl");
    const counts = await Promise.all(articles.map((_, n) => heading(page, n).textContent()));
    expect(counts).toEqual([
      "لا تعليقات",
      "تعليق واحد",
      "تعليقان",
      "3 تعليقات",
      "11 تعليقًا",
      "100 تعليق",
    ]);
    expect(await page.getByRole("button", { name: "نشر التعليق" }).count()).toBe(articles.length);
    expect(await page.getByText("لا تعليقات بعد. يمكنك بدء النقاش.").count()).toBe(1);
    expect(await page.locator("time").first().textContent()).toBe("الآن");
    // The page's own text is the host's: only the sections changed direction.
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("");
    // axe-core (valid lang values included) finds nothing serious in the Arabic sections.
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("follows the browser's languages when the page names none; English for a language not shipped", async () => {
    const polish = await browser.newContext({ locale: "pl-PL" });
    const pl = await open(polish, "lang=&articles=count-3");
    expect(await heading(pl.page).textContent()).toBe("3 komentarze");
    expect(await root(pl.page).getAttribute("lang")).toBe("pl");
    await polish.close();

    // The page declares a language Parley does not ship: English (not the reader's Polish), and
    // no catalogue is asked for.
    const other = await browser.newContext({ locale: "pl-PL" });
    const asked: string[] = [];
    other.on("request", (request) => {
      if (request.url().includes("/locales/")) asked.push(request.url());
    });
    const zh = await open(other, "lang=zh-Hant&locale=zh-TW&articles=count-2");
    expect(await heading(zh.page).textContent()).toBe("2 Comments");
    expect(await root(zh.page).getAttribute("lang")).toBe("en");
    expect(asked).toEqual([]);
    await other.close();
  });

  it("shows English when the catalogue cannot be had, and a hostile one only as text", async () => {
    const offline = await browser.newContext({ locale: "en-US" });
    await offline.route("**/locales/**", (route) => route.abort());
    const down = await open(offline, "locale=de&articles=count-2");
    expect(await heading(down.page).textContent()).toBe("2 Comments");
    expect(await root(down.page).getAttribute("lang")).toBe("en");
    expect(await root(down.page).getAttribute("dir")).toBe("ltr");
    await offline.close();

    const hostile = await browser.newContext({ locale: "en-US" });
    await hostile.route("**/locales/**", (route) =>
      route.fulfill({
        contentType: "application/json",
        // Written out: an object literal's `__proto__` would set a prototype, not a key.
        body: `{
          "Post Comment": "<img src=x onerror=\\"alert(1)\\">",
          "{count} Comments": { "other": "<b>{count}</b> <script>alert(2)</script>" },
          "Sort by": 5,
          "Newest": { "one": "no other form" },
          "__proto__": { "polluted": "yes", "Load more comments": "polluted" },
          "constructor": "x"
        }`,
      }),
    );
    const bad = await open(hostile, "locale=de&articles=count-2");
    expect(await heading(bad.page).textContent()).toBe("<b>2</b> <script>alert(2)</script>");
    const button = bad.page.getByRole("button", { name: '<img src=x onerror="alert(1)">' });
    expect(await button.count()).toBe(1);
    expect(await root(bad.page).locator("img, b, script").count()).toBe(0);
    // Bad entries fall back to English; the rest of the page is English too.
    expect(await bad.page.getByText("Sort by").count()).toBe(1);
    expect(await bad.page.getByRole("option", { name: "Newest" }).count()).toBe(1);
    // The catalogue's "__proto__" entry reached no prototype.
    expect(await bad.page.evaluate(() => "polluted" in {})).toBe(false);
    expect(bad.problems).toEqual([]);
    await hostile.close();
  });

  it("translates /moderate from ?locale=, right to left for Arabic, within its CSP", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") violations.push(m.text());
    });
    await page.goto(`${server.url}/moderate?locale=ar`);
    await expect.poll(() => page.locator("html").getAttribute("dir"), WAIT).toBe("rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    expect(await page.locator("h1").textContent()).toBe("قائمة المراجعة");
    expect(await page.getByLabel("رمز المشرف").count()).toBe(1);
    expect(await page.title()).toBe("قائمة المراجعة | Parley");
    expect(violations).toEqual([]);

    await page.goto(`${server.url}/moderate`);
    await expect.poll(() => page.locator("html").getAttribute("lang"), WAIT).toBe("en");
    expect(await page.getByRole("button", { name: "Sign in" }).count()).toBe(1);
    await context.close();
  });
});

/**
 * Real headless Chromium for the embed's end-to-end tests (Debian's `chromium` through
 * playwright-core), and the few page helpers the tests share. Waiting is always on a locator or a
 * polled condition, never on a duration.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer, type TestServerOptions } from "../helpers/server.js";
import { requireService } from "../helpers/services.js";

/** Where Debian (and .ci/run) installs Chromium. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** True when Chromium is here; prints one line and returns false when it is not (unless required). */
export function chromiumReady(): Promise<boolean> {
  return requireService("Chromium", () => Promise.resolve(existsSync(CHROMIUM_PATH)));
}

/** Launches headless Chromium with the flags that keep it quiet and quick in CI. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
}

/**
 * Registers the calling describe block's beforeAll/afterAll: a test server with `options` and a
 * browser, both set once beforeAll has run, closed at the end.
 */
export function useServerAndBrowser(options?: TestServerOptions): {
  server: TestServer;
  browser: Browser;
} {
  const web = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    web.server = await startTestServer(options);
    web.browser = await launchBrowser();
  });
  afterAll(async () => {
    await web.browser?.close();
    await web.server?.stop();
  });
  return web;
}

/** Errors a page raised, and CSP violations it reported, gathered for assertions. */
export interface PageProblems {
  errors: string[];
  dialogs: string[];
}

/** Opens `url` in a new page of `context`, recording page errors and dialogs (alert included). */
export async function openPage(
  context: BrowserContext,
  url: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  // Fail with Playwright's own message well before the test's 30 s budget runs out.
  page.setDefaultTimeout(10_000);
  await beforeLoad?.(page);
  const problems: PageProblems = { errors: [], dialogs: [] };
  page.on("pageerror", (error) => problems.errors.push(error.message));
  page.on("dialog", (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  // Ready once the first page is shown and the socket has joined the article: live from here.
  await page.locator('[data-parley-status="live"]').waitFor({ state: "attached" });
  return { page, problems };
}

/** The comment section's count heading ("3 Comments"). */
export function countHeading(page: Page): Locator {
  return page.locator("h2.count");
}

/** A comment's `<article>` by its text. */
export function commentByText(page: Page, text: string): Locator {
  return page.locator("article[data-comment-id]", { hasText: text });
}

/** Fills the form as a guest and posts; resolves once the comment shows on this page. */
export async function postAsGuest(page: Page, name: string, body: string): Promise<Locator> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Comment", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Post Comment" }).click();
  const article = commentByText(page, body);
  await article.waitFor();
  return article;
}

/** Options for `expect.poll`: its default (one second) is too short for a busy CI box. */
export const WAIT = { timeout: 10_000, interval: 50 } as const;

/** CSP violations the page reported since it loaded. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now (`id impact: nodes`), axe
 * loaded first if the page has none. Evaluated through the DevTools protocol, which the page's CSP
 * does not govern.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    axeSource ??= readFileSync(
      createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
      "utf8",
    );
    await page.evaluate(axeSource);
  }
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} ${v.impact}: ${JSON.stringify(v.nodes).slice(0, 400)}`);
  });
}

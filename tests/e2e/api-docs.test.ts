/**
 * The API reference page in a real browser: Swagger UI loads from Parley alone, renders every
 * operation of the generated document, and breaks none of the page's own CSP (a directive too
 * tight would show as a violation here, one too loose is caught by tests/unit/api-docs.test.ts).
 */
import { describe, expect, it } from "vitest";
import { chromiumReady, useServerAndBrowser } from "./browser.helper.js";

const ready = await chromiumReady();

describe.runIf(ready)("API reference page", () => {
  const web = useServerAndBrowser();

  it("renders the document's operations with no CSP violation and no request elsewhere", async () => {
    const { server, browser } = web;
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    const elsewhere: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith("data:")) elsewhere.push(url);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        w.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(`${server.url}/api/docs`);
    await page.locator(".opblock").first().waitFor();
    const operations = await page.locator(".opblock").count();
    const served = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const documented = Object.values(served.paths).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    expect(operations).toBe(documented);
    await expect.poll(() => page.locator(".info .title").textContent()).toMatch(/^Parley/);
    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});

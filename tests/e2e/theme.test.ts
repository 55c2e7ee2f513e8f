/**
 * The embed's look in real Chromium: host pages theme it through `--parley-*` custom properties
 * (on its element or an ancestor, set by stylesheet or inline); `data-parley-theme` forces light
 * or dark and anything else follows the emulated `prefers-color-scheme`; axe-core finds no serious
 * or critical violation, contrast included, in either theme with replies, the reply form and the
 * bell panel open; and a right-to-left root puts the reply indentation and its line on the right.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import {
  chromiumReady,
  commentByText,
  cspViolations,
  openPage,
  postAsGuest,
  seriousViolations,
  useServerAndBrowser,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";
const LIGHT_BG = "rgb(255, 255, 255)";
const DARK_BG = "rgb(21, 24, 28)";

/** A computed style property of the first element matching `selector` inside the embed. */
function styleOf(page: Page, selector: string, property: string): Promise<string> {
  return page.evaluate(
    ([sel, prop]) => {
      const host = document.querySelector("[data-parley-article]");
      const el = sel === ":host" ? host : host?.shadowRoot?.querySelector(sel);
      return el ? getComputedStyle(el).getPropertyValue(prop) : "missing";
    },
    [selector, property] as const,
  );
}

/** Replaces the host page's extra stylesheet (constructed, as the page's CSP forbids <style>). */
function hostCss(page: Page, css: string): Promise<void> {
  return page.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    document.adoptedStyleSheets = [sheet];
  }, css);
}

/** Sets or removes an attribute on the embed's element. */
function hostAttr(page: Page, name: string, value: string | null): Promise<void> {
  return page.evaluate(
    ([n, v]) => {
      const host = document.querySelector("[data-parley-article]");
      if (v === null) host?.removeAttribute(n);
      else host?.setAttribute(n, v);
    },
    [name, value] as const,
  );
}

describe.skipIf(!ready)("embed look: tokens, themes, contrast, right-to-left", () => {
  const web = useServerAndBrowser();
  let page: Page;

  beforeAll(async () => {
    const { server, browser } = web;
    const context = await browser.newContext({ reducedMotion: "reduce" });
    ({ page } = await openPage(context, `${server.url}/`));
    // This reader asks a question; another answers it by REST, which lights the reader's bell.
    const question = await postAsGuest(page, "Ada Lovelace", "Will the late boats take bicycles?");
    const parentId = await question.getAttribute("data-comment-id");
    const ben = await guest(server.url, "Ben Okri");
    const reply = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token: ben.token,
      body: { body: "Yes, racks for six bikes at the stern.", parentId },
    });
    expect(reply.status).toBe(201);
    await commentByText(page, "racks for six bikes").waitFor();
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor();
  });

  it("takes the host's custom properties, on its element or an ancestor", async () => {
    await page.emulateMedia({ colorScheme: "light" });
    await hostCss(page, "[data-parley-article]{--parley-color-accent:#b00;--parley-radius:0px}");
    expect(await styleOf(page, ".primary", "background-color")).toBe("rgb(187, 0, 0)");
    expect(await styleOf(page, ".primary", "border-top-left-radius")).toBe("0px");
    expect(await styleOf(page, ".link-button", "color")).toBe("rgb(187, 0, 0)");

    // An ancestor's value inherits through the shadow boundary; the host's own rule still wins.
    await hostCss(
      page,
      "body{--parley-color-text:#123456;--parley-color-bg:#fdf6e3;--parley-font:Georgia,serif}",
    );
    expect(await styleOf(page, ".body", "color")).toBe("rgb(18, 52, 86)");
    expect(await styleOf(page, ":host", "background-color")).toBe("rgb(253, 246, 227)");
    expect(await styleOf(page, ".parley", "font-family")).toBe("Georgia, serif");

    // The names from before 1.1 still work; an inline style on the element too (CSSOM, CSP-safe).
    await hostCss(page, "[data-parley-article]{--parley-accent:#0a0}");
    expect(await styleOf(page, ".primary", "background-color")).toBe("rgb(0, 170, 0)");
    await page.evaluate(() =>
      document
        .querySelector<HTMLElement>("[data-parley-article]")
        ?.style.setProperty("--parley-font-size", "20px"),
    );
    expect(await styleOf(page, ".parley", "font-size")).toBe("20px");
    expect(await styleOf(page, ".meta", "font-size")).toBe("18px");

    // Nonsense values only void the declarations using them: the rest of the section is intact.
    await hostCss(page, "[data-parley-article]{--parley-color-accent:12px;--parley-space:red}");
    expect(await styleOf(page, ".primary", "background-color")).toBe("rgba(0, 0, 0, 0)");
    expect(await styleOf(page, ".body", "color")).toBe("rgb(29, 34, 38)");
    await hostCss(page, "");
    await page.evaluate(() =>
      document.querySelector<HTMLElement>("[data-parley-article]")?.removeAttribute("style"),
    );
    expect(await styleOf(page, ".primary", "background-color")).toBe("rgb(11, 92, 173)");
    expect(await cspViolations(page)).toEqual([]);
  });

  it("follows prefers-color-scheme unless data-parley-theme forces light or dark", async () => {
    const cases: [scheme: "light" | "dark", theme: string | null, background: string][] = [
      ["light", null, LIGHT_BG],
      ["dark", null, DARK_BG],
      ["dark", "auto", DARK_BG],
      ["dark", "light", LIGHT_BG],
      ["light", "dark", DARK_BG],
      ["light", "auto", LIGHT_BG],
      ["dark", "purple", DARK_BG],
      ["light", "DARK<script>", LIGHT_BG],
    ];
    for (const [scheme, theme, background] of cases) {
      await page.emulateMedia({ colorScheme: scheme });
      await hostAttr(page, "data-parley-theme", theme);
      expect(await styleOf(page, ":host", "background-color"), `${scheme} ${theme}`).toBe(
        background,
      );
    }
    // Dark text, controls and the colour scheme of native widgets change with it.
    await page.emulateMedia({ colorScheme: "light" });
    await hostAttr(page, "data-parley-theme", "dark");
    expect(await styleOf(page, ".body", "color")).toBe("rgb(230, 233, 237)");
    expect(await styleOf(page, "select", "color-scheme")).toBe("dark");
    // A host's token still wins over the dark default.
    await hostCss(page, "[data-parley-article]{--parley-color-accent:#ffb000}");
    expect(await styleOf(page, ".primary", "background-color")).toBe("rgb(255, 176, 0)");
    await hostCss(page, "");
    await hostAttr(page, "data-parley-theme", null);
  });

  it("has no serious or critical axe-core violation in either theme, panel and form open", async () => {
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await page.getByText("Ben Okri replied to your comment").waitFor();
    await commentByText(page, "racks for six bikes").getByRole("button", { name: "Reply" }).click();
    await expect.poll(() => page.locator(".compose.is-reply").count(), WAIT).toBe(1);
    const modes: [scheme: "light" | "dark", theme: string | null][] = [
      ["light", null],
      ["dark", null],
      ["light", "dark"],
      ["dark", "light"],
    ];
    for (const [scheme, theme] of modes) {
      await page.emulateMedia({ colorScheme: scheme });
      await hostAttr(page, "data-parley-theme", theme);
      const violations = await seriousViolations(page);
      expect(violations, `${scheme} ${theme}`).toEqual([]);
    }
    await hostAttr(page, "data-parley-theme", null);
    await page.keyboard.press("Escape");
  });

  it("puts the reply indentation and its line on the right under dir=rtl", async () => {
    const geometry = () =>
      page.evaluate(() => {
        const root = document.querySelector("[data-parley-article]")?.shadowRoot;
        const thread = root?.querySelector(".thread")?.getBoundingClientRect();
        const reply = root?.querySelector(".replies > li");
        const box = reply?.getBoundingClientRect();
        if (!thread || !reply || !box) return null;
        const style = getComputedStyle(reply);
        return {
          startGap: box.left - thread.left,
          endGap: thread.right - box.right,
          lineLeft: style.borderLeftWidth,
          lineRight: style.borderRightWidth,
        };
      });
    const ltr = await geometry();
    expect(ltr?.startGap).toBeGreaterThan(30);
    expect(ltr?.endGap).toBeLessThan(1);
    expect([ltr?.lineLeft, ltr?.lineRight]).toEqual(["2px", "0px"]);

    // The section's root takes its direction from its language (an Arabic section sets dir=rtl
    // there, whatever the host page says), so the test sets it where the locale would.
    const rootDir = (dir: string) =>
      page.evaluate((value) => {
        const root = document.querySelector("[data-parley-article]")?.shadowRoot;
        root?.querySelector(".parley")?.setAttribute("dir", value);
      }, dir);
    await rootDir("rtl");
    const rtl = await geometry();
    expect(rtl?.endGap).toBeGreaterThan(30);
    expect(rtl?.startGap).toBeLessThan(1);
    expect([rtl?.lineLeft, rtl?.lineRight]).toEqual(["0px", "2px"]);
    // The meta line's parts are isolated, so even English ones read right to left: the name
    // rightmost, then the role badge, then the handle.
    const order = await page.evaluate(() => {
      const meta = document
        .querySelector("[data-parley-article]")
        ?.shadowRoot?.querySelector(".meta");
      return [".name", ".role", ".handle"].map(
        (part) => meta?.querySelector(part)?.getBoundingClientRect().left ?? Number.NaN,
      );
    });
    expect(order[0]).toBeGreaterThan(order[1] ?? Number.NaN);
    expect(order[1]).toBeGreaterThan(order[2] ?? Number.NaN);
    expect(await styleOf(page, ".parley", "text-align")).toBe("start");
    expect(await styleOf(page, ".parley", "direction")).toBe("rtl");
    await rootDir("ltr");
  });
});

/**
 * The comment markup renderer (client/views/markup.view.ts) fuzzed in real Chromium: a few thousand
 * generated bodies (HTML and script tags, `javascript:` and `" onerror=` attempts, bidi and
 * zero-width characters, deeply nested markers, 10,000-character bodies) are built into the DOM,
 * every spoiler is opened, and no element or attribute outside the renderer's small set may appear,
 * no link may leave http(s), no script may run, and no character but markers may be lost.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumReady, launchBrowser } from "./browser.helper.js";

const ready = await chromiumReady();
const root = new URL("../../", import.meta.url).pathname;

/** Each element the renderer may make, with the attributes it may carry. */
const ALLOWED: Record<string, string[]> = {
  STRONG: [],
  EM: [],
  CODE: [],
  BLOCKQUOTE: ["dir"],
  A: ["href", "rel", "target", "dir"],
  BDI: [],
  BUTTON: ["type", "class", "aria-expanded"],
  SPAN: ["class", "tabindex"],
};
const MARKER_OR_SPACE = /[*_`|>\s]/g;

/** Builds client/views/markup.view.ts alone as a script exposing `ParleyMarkup.renderMarkup`. */
async function bundleRenderer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "parley-markup-"));
  try {
    await build({
      root,
      configFile: false,
      logLevel: "silent",
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: true,
        target: "es2020",
        lib: {
          entry: join(root, "client/views/markup.view.ts"),
          formats: ["iife"],
          name: "ParleyMarkup",
          fileName: () => "markup.js",
        },
      },
    });
    return readFileSync(join(outDir, "markup.js"), "utf8");
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** What one body became in the page. */
interface Rendered {
  /** Elements or attributes outside ALLOWED, and links that are not http(s). */
  problems: string[];
  /** The text once every spoiler is open. */
  text: string;
}

/** Renders each body in the page, opens its spoilers (nested ones too) and reports. */
function renderAll(page: Page, bodies: string[], allowed: Record<string, string[]>) {
  return page.evaluate(
    ({ bodies, allowed }) => {
      const render = (window as unknown as { ParleyMarkup: { renderMarkup: (b: string) => Node } })
        .ParleyMarkup.renderMarkup;
      return bodies.map((body) => {
        // Detached, so opening a thousand spoilers does not lay out the page a thousand times
        // (each takes focus); the DOM built is the same.
        const host = document.createElement("div");
        host.append(render(body));
        for (let round = 0; round < 10; round += 1) {
          const closed = host.querySelectorAll<HTMLButtonElement>("button.spoiler");
          if (closed.length === 0) break;
          closed.forEach((button) => button.click());
        }
        const problems: string[] = [];
        for (const el of host.querySelectorAll("*")) {
          const names = allowed[el.tagName];
          if (!names) problems.push(`element ${el.tagName}`);
          for (const attr of el.attributes) {
            if (!names?.includes(attr.name)) problems.push(`${el.tagName}[${attr.name}]`);
          }
          if (el instanceof HTMLAnchorElement && !/^https?:$/.test(el.protocol)) {
            problems.push(`link ${el.href}`);
          }
        }
        return { problems, text: host.textContent ?? "" };
      });
    },
    { bodies, allowed },
  ) as Promise<Rendered[]>;
}

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("**", "_", "`", "||", "> ", "\n", " ", "*", "|") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "<script>window.pwned=1</script>",
      "<img src=x onerror=window.pwned=1>",
      '" onerror="window.pwned=1',
      "javascript:window.pwned=1",
      "https://a.example/x_y_(z)",
      "https://a.example/?q=<b>&x=\"'",
      "http://b.example/**x**",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>",
      "@ada_lovelace",
      "\u202e\u2066\u2067\u2069",
      "\u200b\u200d\ufeff",
      "&lt;b&gt;",
    ),
  },
  { weight: 3, arbitrary: fc.string({ maxLength: 6, unit: "grapheme" }) },
);
const generated = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(""));

/** Long and deeply nested bodies, beyond the 5,000-character limit the server keeps. */
const LONG = [
  "*".repeat(10_000),
  "**_||`".repeat(1_666),
  `${"**_||".repeat(2_000)}x${"||_**".repeat(2_000)}`,
  "||a ".repeat(2_500),
  "> **<script>window.pwned=1</script>**\n".repeat(250),
  `https://a.example/${"_*|`".repeat(2_495)}`,
];

describe.skipIf(!ready)("the markup renderer in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const script = await bundleRenderer();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: script });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("builds only its allowed elements and attributes for thousands of hostile bodies", async () => {
    const bodies = [...fc.sample(generated, { numRuns: 3_000, seed: 13 }), ...LONG];
    for (let at = 0; at < bodies.length; at += 500) {
      const batch = bodies.slice(at, at + 500);
      const rendered = await renderAll(page, batch, ALLOWED);
      rendered.forEach(({ problems, text }, i) => {
        const body = batch[i]!;
        expect(problems, JSON.stringify(body.slice(0, 200))).toEqual([]);
        expect(text.replace(MARKER_OR_SPACE, "")).toBe(body.replace(MARKER_OR_SPACE, ""));
      });
    }
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(
      undefined,
    );
  });

  it("renders each kind as its one element, and opens a spoiler by keyboard", async () => {
    const body = "**b** _i_ `c` ||s _x_|| https://a.example/p_q @ada_l. a@b.example\n> quoted";
    const html = await page.evaluate((body) => {
      const render = (window as unknown as { ParleyMarkup: { renderMarkup: (b: string) => Node } })
        .ParleyMarkup.renderMarkup;
      const host = document.createElement("div");
      host.id = "sample";
      document.body.append(host);
      host.append(render(body));
      return host.innerHTML;
    }, body);
    expect(html).toBe(
      '<strong>b</strong> <em>i</em> <code>c</code> <button type="button" class="spoiler" ' +
        'aria-expanded="false">Spoiler</button> <a href="https://a.example/p_q" ' +
        'rel="nofollow ugc noopener" target="_blank" dir="ltr">https://a.example/p_q</a> ' +
        "<bdi>@ada_l</bdi>. a@b.example" +
        '<blockquote dir="auto">quoted</blockquote>',
    );
    await page.locator("#sample button.spoiler").focus();
    await page.keyboard.press("Enter");
    const opened = page.locator("#sample span.spoiler");
    expect(await opened.innerHTML()).toBe("s <em>x</em>");
    expect(await opened.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

/**
 * Formatting in two real browsers: a writer formats with the bar and the shortcuts (undo included),
 * previews, and posts; the reader sees strong, em, a quote, code, a spoiler that opens on click and
 * a link with safe attributes. A hostile formatted body still renders as text, and the edit form
 * has the same bar.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import {
  chromiumReady,
  commentByText,
  openPage,
  type PageProblems,
  seriousViolations,
  useServerAndBrowser,
  WAIT,
} from "./browser.helper.js";

const ready = await chromiumReady();
const ARTICLE = "harbour-night-ferry-2026";

const EXPECTED =
  "The ferry is **fast** and _cheap_, not **slow**.\n" +
  "> the timetable\n" +
  "Run `--night` or see https://example.org/ferry_times ||it sails at 2||";

describe.skipIf(!ready)("formatting in the embed", () => {
  const web = useServerAndBrowser();
  let writer: Page;
  let reader: Page;
  let readerProblems: PageProblems;

  beforeAll(async () => {
    const { server, browser } = web;
    ({ page: writer } = await openPage(await browser.newContext(), `${server.url}/`));
    ({ page: reader, problems: readerProblems } = await openPage(
      await browser.newContext(),
      `${server.url}/`,
    ));
  });

  const box = (page: Page): Locator => page.getByLabel("Comment", { exact: true });
  const bar = (page: Page): Locator =>
    page.locator("form.compose").getByRole("group", { name: "Formatting" });

  it("writes markup with the bar and the shortcuts, undoably, and previews it", async () => {
    await writer.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
    const area = box(writer);
    await area.click();
    await area.pressSequentially("The ferry is ");
    // A button with nothing selected puts a pair of markers round the caret.
    await bar(writer).getByRole("button", { name: "Bold" }).click();
    await area.pressSequentially("fast");
    await writer.keyboard.press("End");
    await area.pressSequentially(" and ");
    await writer.keyboard.press("Control+i");
    await area.pressSequentially("cheap");
    await writer.keyboard.press("End");
    // A shortcut with words selected wraps them and keeps them selected; Ctrl+Z takes it back.
    await area.pressSequentially(", not slow");
    for (let i = 0; i < 4; i += 1) await writer.keyboard.press("Shift+ArrowLeft");
    await writer.keyboard.press("Control+b");
    expect(await area.inputValue()).toBe("The ferry is **fast** and _cheap_, not **slow**");
    expect(await area.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(41);
    await writer.keyboard.press("Control+z");
    expect(await area.inputValue()).toBe("The ferry is **fast** and _cheap_, not slow");
    await writer.keyboard.press("Control+Shift+z");
    expect(await area.inputValue()).toBe("The ferry is **fast** and _cheap_, not **slow**");
    await writer.keyboard.press("End");
    await area.pressSequentially(".\nthe timetable");
    await writer.keyboard.press("Control+Shift+Period");
    await area.pressSequentially("\nRun ");
    await bar(writer).getByRole("button", { name: "Code" }).click();
    await area.pressSequentially("--night");
    await writer.keyboard.press("End");
    await area.pressSequentially(" or see ");
    await writer.keyboard.press("Control+k");
    await area.pressSequentially("example.org/ferry_times ");
    await bar(writer).getByRole("button", { name: "Spoiler" }).click();
    await area.pressSequentially("it sails at 2");
    expect(await area.inputValue()).toBe(EXPECTED);

    const preview = bar(writer).getByRole("button", { name: "Preview" });
    await preview.click();
    expect(await preview.getAttribute("aria-pressed")).toBe("true");
    expect(await area.isHidden()).toBe(true);
    const shown = writer.locator("form.compose .preview");
    expect(await shown.locator("strong").allTextContents()).toEqual(["fast", "slow"]);
    expect(await shown.locator("blockquote").textContent()).toBe("the timetable");
    expect(await bar(writer).getByRole("button", { name: "Bold" }).isDisabled()).toBe(true);
    await preview.click();
    expect(await area.isVisible()).toBe(true);
    expect(await shown.isHidden()).toBe(true);
  });

  it("posts it, and the reader sees each kind as its element", async () => {
    await writer.getByRole("button", { name: "Post Comment" }).click();
    await expect.poll(() => box(writer).inputValue(), WAIT).toBe("");
    const article = commentByText(reader, "The ferry is");
    await article.waitFor();
    const body = article.locator(".body");
    expect(await body.locator("strong").allTextContents()).toEqual(["fast", "slow"]);
    expect(await body.locator("em").textContent()).toBe("cheap");
    expect(await body.locator("blockquote").textContent()).toBe("the timetable");
    expect(await body.locator("code").textContent()).toBe("--night");
    const link = body.locator("a");
    expect(await link.getAttribute("href")).toBe("https://example.org/ferry_times");
    expect(await link.getAttribute("rel")).toBe("nofollow ugc noopener");
    expect(await link.getAttribute("target")).toBe("_blank");
    // The spoiler's text is not in the page until the reader asks for it.
    expect(await body.textContent()).not.toContain("it sails at 2");
    const spoiler = body.getByRole("button", { name: "Spoiler" });
    expect(await spoiler.getAttribute("aria-expanded")).toBe("false");
    await spoiler.click();
    expect(await body.locator("span.spoiler").textContent()).toBe("it sails at 2");
    expect(await body.getByRole("button", { name: "Spoiler" }).count()).toBe(0);
  });

  it("renders a hostile formatted body as text and runs nothing", async () => {
    const { server } = web;
    const { token } = await guest(server.url, "Mallory");
    const hostile =
      '**<img src=x onerror=alert(1)>** _<script>alert(2)</script>_ ||" onmouseover="alert(3)||' +
      " javascript:alert(4) `<iframe src=javascript:alert(5)>`";
    await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
      token,
      body: { body: hostile },
    });
    const article = commentByText(reader, "onerror");
    await article.waitFor();
    const body = article.locator(".body");
    expect(await body.locator("strong").textContent()).toBe("<img src=x onerror=alert(1)>");
    expect(await body.locator("em").textContent()).toBe("<script>alert(2)</script>");
    expect(await body.locator("code").textContent()).toBe("<iframe src=javascript:alert(5)>");
    await body.getByRole("button", { name: "Spoiler" }).click();
    expect(await body.locator("span.spoiler").textContent()).toBe('" onmouseover="alert(3)');
    expect(await article.locator("img, script, iframe, a[href^='javascript']").count()).toBe(0);
    expect(readerProblems.dialogs).toEqual([]);
    expect(readerProblems.errors).toEqual([]);
  });

  it("offers the same bar when editing a comment", async () => {
    const mine = commentByText(writer, "The ferry is");
    await mine.getByRole("button", { name: "Edit" }).click();
    const edit = mine.locator("form.edit-form");
    const area = edit.getByLabel("Edited text");
    await area.press("Control+a");
    await edit
      .getByRole("group", { name: "Formatting" })
      .getByRole("button", { name: "Italic" })
      .click();
    expect(await area.inputValue()).toBe(`_${EXPECTED}_`);
    await edit.getByRole("button", { name: "Cancel" }).click();
    expect(await edit.count()).toBe(0);
  });

  it("has no serious or critical axe-core violations with the bar, a preview and a spoiler", async () => {
    const { server } = web;
    // A fresh tab: no fade-in animations in flight to blur the colour checks.
    const { page } = await openPage(reader.context(), `${server.url}/`);
    await commentByText(page, "The ferry is").getByRole("button", { name: "Spoiler" }).waitFor();
    await box(page).fill("**Preview** with ||a spoiler|| and > no quote");
    await bar(page).getByRole("button", { name: "Preview" }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

/**
 * `npm run screenshot`: saves docs/screenshot.png, the demo page with a thread of replies, for the
 * README, and docs/screenshot-dark.png, the same under a dark colour-scheme preference. Starts a throwaway server (in-memory SQLite) whose clock is wound back while the demo
 * thread is posted, so the picture shows "4 hours ago" next to "7 minutes ago", then photographs
 * the comment section in headless Chromium. Also saves docs/screenshot-rtl.png: the same section
 * in Arabic (`data-parley-locale="ar"`), laid out right to left.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";
import { parseScriptArgs } from "../server/cli/cli-command.js";
import { api, guest } from "../tests/helpers/clients.js";
import { startTestServer } from "../tests/helpers/server.js";

const root = new URL("../", import.meta.url).pathname;
const output = join(root, "docs", "screenshot.png");
const outputDark = join(root, "docs", "screenshot-dark.png");
const ARTICLE = "harbour-night-ferry-2026";
const MINUTE = 60_000;

/** The demo thread: who, how long ago (minutes), what, and which earlier entry it answers. */
const THREAD: { name: string; ago: number; body: string; replyTo?: number }[] = [
  {
    name: "Maggie Penrose",
    ago: 250,
    body: "About time. I finish at the infirmary at eleven and the last bus is long gone by then. Four sailings a night would change my week.",
  },
  {
    name: "Colin Ashworth",
    ago: 95,
    replyTo: 0,
    body: "Same at the distribution centre. Half our night shift drives nine miles round by the bridge because there is no other way home.",
  },
  {
    name: "Priya Natarajan",
    ago: 57,
    replyTo: 0,
    body: "Does anyone know if the weekly pass covers the late boats too, or is it a separate fare?",
  },
  {
    name: "Maggie Penrose",
    ago: 52,
    replyTo: 2,
    body: "The article says the weekly pass is valid on every crossing. Timetable consultation is here: https://example.org/ferry-consultation",
  },
  {
    name: "Tom Hollis",
    ago: 7,
    replyTo: 0,
    body: "Worried about that thirty-year-old boat in a January gale, but happy to be proved wrong. Worth a trial.",
  },
  {
    name: "Eleanor Vance",
    ago: 31,
    body: "Lighting at Millbrook slipway has been poor for years. Good to see it fixed before the first sailing, whatever happens with the trial.",
  },
];

/** Builds the embed every time: a picture of a stale dist/ would not show the sources. */
function ensureBuilt(): void {
  execFileSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: root, stdio: "inherit" });
}

async function main(): Promise<void> {
  ensureBuilt();
  let offsetMs = 0;
  const server = await startTestServer({ clock: { now: () => new Date(Date.now() - offsetMs) } });
  try {
    const ids: string[] = [];
    const people = new Map<string, string>();
    // Oldest first, so seq order matches time order.
    const order = [...THREAD.keys()].sort((a, b) => (THREAD[b]?.ago ?? 0) - (THREAD[a]?.ago ?? 0));
    for (const index of order) {
      const entry = THREAD[index];
      if (!entry) continue;
      let token = people.get(entry.name);
      if (!token) {
        token = (await guest(server.url, entry.name)).token;
        people.set(entry.name, token);
      }
      offsetMs = entry.ago * MINUTE;
      const parentId = entry.replyTo === undefined ? undefined : ids[entry.replyTo];
      const res = await api(server.url, "POST", `/api/articles/${ARTICLE}/comments`, {
        token,
        body: { body: entry.body, ...(parentId ? { parentId } : {}) },
      });
      ids[index] = (res.json as { comment: { id: string } }).comment.id;
    }
    offsetMs = 0;
    // A few votes, so scores read like a real thread's.
    const votes: [string, number][] = [
      ["Colin Ashworth", 0],
      ["Priya Natarajan", 0],
      ["Tom Hollis", 0],
      ["Eleanor Vance", 0],
      ["Maggie Penrose", 1],
      ["Tom Hollis", 3],
    ];
    for (const [voter, index] of votes) {
      const id = ids[index];
      const token = people.get(voter);
      if (id && token) {
        await api(server.url, "PUT", `/api/comments/${id}/vote`, { token, body: { value: 1 } });
      }
    }

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage({
        viewport: { width: 1180, height: 900 },
        deviceScaleFactor: 1,
      });
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.goto(`${server.url}/`);
      await page
        .locator("article[data-comment-id]")
        .nth(THREAD.length - 1)
        .waitFor();
      const section = page.locator("#comments");
      mkdirSync(dirname(output), { recursive: true });
      await section.screenshot({ path: output });
      console.log(`Saved ${output}`);
      // Dark: the same page with the reader's system asking for dark (the embed's `auto` theme).
      await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
      await section.screenshot({ path: outputDark });
      console.log(`Saved ${outputDark}`);

      // Right to left: the same thread with the section in Arabic (set before the embed mounts).
      const rtl = await browser.newPage({ viewport: { width: 1180, height: 900 } });
      await rtl.emulateMedia({ reducedMotion: "reduce" });
      await rtl.addInitScript(() => {
        document.addEventListener("DOMContentLoaded", () => {
          document.querySelector("[data-parley-article]")?.setAttribute("data-parley-locale", "ar");
        });
      });
      await rtl.goto(`${server.url}/`);
      await rtl
        .locator('div.parley[dir="rtl"] article[data-comment-id]')
        .nth(THREAD.length - 1)
        .waitFor();
      const rtlOutput = join(root, "docs", "screenshot-rtl.png");
      await rtl.locator("#comments").screenshot({ path: rtlOutput });
      console.log(`Saved ${rtlOutput}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

// No options: anything on the command line is a mistake worth saying so.
parseScriptArgs("usage: npm run screenshot", { args: process.argv.slice(2), options: {} });
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

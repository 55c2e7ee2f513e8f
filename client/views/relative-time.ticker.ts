/**
 * One shared ticker keeps every relative time on the page current ("just now" becomes "2 minutes
 * ago" without a reload). It wakes once a second but relabels only the times that are due, each
 * remembering when its text can next change, so a wake costs a loop of number comparisons; waking
 * often is what lets it follow a device clock that jumps (a laptop waking, a test's fake clock).
 * It reads the server's clock: the device clock plus an offset measured from `serverTime`, so a
 * wrong device clock does not make fresh comments look hours old.
 */
import { formatRelativeTime, msUntilNextChange } from "../../shared/relative-time.js";
import { currentLocale } from "../i18n/translate.js";

const TICK_MS = 1000;

let offsetMs = 0;
let measured = false;
/** Each watched `<time>` with the server-clock instant its text may next change. */
const watched = new Map<HTMLTimeElement, number>();
let timer: ReturnType<typeof setTimeout> | null = null;
let lastNow = 0;

/**
 * Records the server's time from an answer. Only the first measurement is kept: later answers
 * carry network jitter (and, under test clocks, a device clock moved on purpose), and a label
 * that jumps back and forth would be worse than one that is a second off.
 */
export function observeServerTime(serverTime: string): void {
  const server = Date.parse(serverTime);
  if (measured || Number.isNaN(server)) return;
  offsetMs = server - Date.now();
  measured = true;
  tick(true);
}

/** The current time on the server's clock, as best known. */
function serverNow(): number {
  return Date.now() + offsetMs;
}

// Made on first use: the page's language is chosen before the first time is shown.
let exactFormat: Intl.DateTimeFormat | null = null;

function relabel(el: HTMLTimeElement, now: number): void {
  // The page's language (the catalogue's), so "vor 2 Minuten" sits among German words.
  const text = formatRelativeTime(el.dateTime, now, { locale: currentLocale() });
  if (el.textContent !== text) el.textContent = text;
  watched.set(el, now + msUntilNextChange(el.dateTime, now));
}

/** Creates a `<time>` showing relative time, with the exact date on hover, kept current. */
export function relativeTime(iso: string): HTMLTimeElement {
  const el = document.createElement("time");
  el.dateTime = iso;
  const date = new Date(iso);
  exactFormat ??= new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: "full",
    timeStyle: "short",
  });
  if (!Number.isNaN(date.getTime())) el.title = exactFormat.format(date);
  relabel(el, serverNow());
  timer ??= setTimeout(() => tick(), TICK_MS);
  return el;
}

function tick(all = false): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const now = serverNow();
  // A clock that went backwards invalidates every "next change" instant.
  const everything = all || now < lastNow;
  lastNow = now;
  if (document.visibilityState !== "hidden" || everything) {
    for (const [el, due] of watched) {
      // Elements leave the page when threads are re-sorted; forget them then.
      if (!el.isConnected && el.dataset.parleyMounted) {
        watched.delete(el);
        continue;
      }
      if (el.isConnected) el.dataset.parleyMounted = "1";
      if (everything || due <= now) relabel(el, now);
    }
  }
  if (watched.size > 0) timer = setTimeout(() => tick(), TICK_MS);
}

if (typeof document !== "undefined") {
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") tick(true);
  });
}

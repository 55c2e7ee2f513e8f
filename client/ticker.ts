/**
 * One shared ticker keeps every relative time on the page current ("just now" becomes "2 minutes
 * ago" without a reload). It sleeps exactly until the soonest label can change, and reads the
 * server's clock (device clock plus a measured offset) so a wrong device clock does not make fresh
 * comments look hours old.
 */
import { formatRelativeTime, msUntilNextChange } from "../shared/relative-time.js";

/** Never sleep longer than this, so a sleeping laptop catches up soon after it wakes. */
const MAX_SLEEP_MS = 60_000;
const LOCALE = "en";

let offsetMs = 0;
let measured = false;
const watched = new Set<HTMLTimeElement>();
let timer: ReturnType<typeof setTimeout> | null = null;

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
  refreshAll();
}

/** The current time on the server's clock, as best known. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

/** Creates a `<time>` showing relative time, with the exact date on hover, kept current. */
export function relativeTime(iso: string): HTMLTimeElement {
  const el = document.createElement("time");
  el.dateTime = iso;
  const date = new Date(iso);
  if (!Number.isNaN(date.getTime())) el.title = exactFormat.format(date);
  el.textContent = formatRelativeTime(iso, serverNow(), { locale: LOCALE });
  watched.add(el);
  scheduleSoon();
  return el;
}

function refreshAll(): void {
  const now = serverNow();
  for (const el of watched) {
    // Elements leave the page when threads are re-sorted; forget them then.
    if (!el.isConnected && el.dataset.parleyMounted) {
      watched.delete(el);
      continue;
    }
    if (el.isConnected) el.dataset.parleyMounted = "1";
    const text = formatRelativeTime(el.dateTime, now, { locale: LOCALE });
    if (el.textContent !== text) el.textContent = text;
  }
  schedule();
}

let scheduling = false;

/** Coalesces the many labels of one render into a single re-schedule. */
function scheduleSoon(): void {
  if (scheduling) return;
  scheduling = true;
  queueMicrotask(() => {
    scheduling = false;
    schedule();
  });
}

function schedule(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (watched.size === 0) return;
  const now = serverNow();
  let next = MAX_SLEEP_MS;
  for (const el of watched) next = Math.min(next, msUntilNextChange(el.dateTime, now));
  // A few milliseconds late is better than waking a moment before the label changes.
  timer = setTimeout(refreshAll, next + 50);
}

if (typeof document !== "undefined") {
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refreshAll();
  });
}

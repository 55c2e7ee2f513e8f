/**
 * Relative time as readers expect it on a comment ("just now", "55 minutes ago", "4 hours ago",
 * "yesterday", then a date). Pure: it takes `now`, so the embed's ticker and the tests pin the clock.
 * Words come from `Intl.RelativeTimeFormat`, so every locale the browser knows is served.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Below this age a comment is "just now" rather than "N seconds ago". */
const JUST_NOW_MS = 45 * SECOND;

export interface RelativeTimeOptions {
  /** BCP 47 locale; the runtime's default when omitted. */
  locale?: string;
  /** Time zone for calendar days ("yesterday") and dates; the runtime's when omitted. */
  timeZone?: string;
}

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();
const dateCache = new Map<string, Intl.DateTimeFormat>();
const wallClockCache = new Map<string, Intl.DateTimeFormat>();

function rtf(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? "";
  let f = rtfCache.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    rtfCache.set(key, f);
  }
  return f;
}

function dateFormat(locale: string | undefined, timeZone: string | undefined, withYear: boolean) {
  const key = `${locale ?? ""}|${timeZone ?? ""}|${withYear}`;
  let f = dateCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "short",
      ...(withYear ? { year: "numeric" } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    dateCache.set(key, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone (the runtime's when omitted). */
function wallClock(date: Date, timeZone: string | undefined) {
  const key = timeZone ?? "";
  let f = wallClockCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
      ...(timeZone ? { timeZone } : {}),
    });
    wallClockCache.set(key, f);
  }
  const parts = f.formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    msOfDay: ((get("hour") * 60 + get("minute")) * 60 + get("second")) * SECOND,
  };
}

/** Calendar day number of an instant in a time zone, to tell "yesterday" from "23 hours ago". */
function dayNumber(date: Date, timeZone: string | undefined): number {
  const { year, month, day } = wallClock(date, timeZone);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY);
}

/**
 * Intl's word for this instant ("jetzt", "maintenant", "الآن"), except English: Intl says "now",
 * and English readers of comment sections expect "just now".
 */
function justNow(f: Intl.RelativeTimeFormat): string {
  return /^en(-|$)/.test(f.resolvedOptions().locale) ? "just now" : f.format(0, "second");
}

/**
 * Formats `then` relative to `now`. Times a little in the future (a skewed clock) read "just now".
 */
export function formatRelativeTime(
  then: Date | string | number,
  now: Date | number,
  options: RelativeTimeOptions = {},
): string {
  const thenDate = new Date(then);
  const nowMs = typeof now === "number" ? now : now.getTime();
  const age = nowMs - thenDate.getTime();
  const f = rtf(options.locale);
  if (age < JUST_NOW_MS) return justNow(f);
  if (age < HOUR) return f.format(-Math.max(1, Math.floor(age / MINUTE)), "minute");
  const days = dayNumber(new Date(nowMs), options.timeZone) - dayNumber(thenDate, options.timeZone);
  // Same calendar day: hours, even past 24 of them on the day a time zone leaves daylight time.
  if (days === 0) return f.format(-Math.floor(age / HOUR), "hour");
  if (days <= 1) {
    // Less than a day old but on yesterday's date, or just past 24 hours: both read "yesterday".
    return age < 6 * HOUR ? f.format(-Math.floor(age / HOUR), "hour") : f.format(-1, "day");
  }
  if (days < 7) return f.format(-days, "day");
  // The year as the reader's calendar has it: 1 Jan 04:00 UTC is still last year in Los Angeles.
  const sameYear =
    wallClock(new Date(nowMs), options.timeZone).year ===
      wallClock(thenDate, options.timeZone).year && age < 180 * DAY;
  return dateFormat(options.locale, options.timeZone, !sameYear).format(thenDate);
}

/**
 * How long until the text of `formatRelativeTime(then, now, options)` can next change, so a ticker
 * can sleep that long (it may wake early, never late). Never less than one second. Pass the same
 * `timeZone` as to the formatter: local midnight turns "6 hours ago" into "yesterday".
 */
export function msUntilNextChange(
  then: Date | string | number,
  now: Date | number,
  options: RelativeTimeOptions = {},
): number {
  const nowMs = typeof now === "number" ? now : now.getTime();
  const age = nowMs - new Date(then).getTime();
  if (age < JUST_NOW_MS) return Math.max(SECOND, JUST_NOW_MS - age);
  if (age < HOUR) return Math.max(SECOND, MINUTE - (age % MINUTE));
  // The wall clock stops at whole seconds: the milliseconds past the second count as elapsed too.
  const untilMidnight =
    DAY -
    wallClock(new Date(nowMs), options.timeZone).msOfDay -
    (((nowMs % SECOND) + SECOND) % SECOND);
  return Math.max(SECOND, Math.min(HOUR - (age % HOUR), untilMidnight, 10 * MINUTE));
}

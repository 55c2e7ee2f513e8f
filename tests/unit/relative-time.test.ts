/**
 * shared/relative-time.ts with a pinned `now`: every wording band, calendar days in a given time
 * zone, other locales, and the ticker's sleep (`msUntilNextChange`) never outliving the text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRelativeTime, msUntilNextChange } from "../../shared/relative-time.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NOW = Date.parse("2026-06-15T12:00:00.000Z");
const utc = { locale: "en", timeZone: "UTC" } as const;
const ago = (ms: number, now = NOW) => new Date(now - ms);
const en = (then: Date | number | string, now: Date | number = NOW) =>
  formatRelativeTime(then, now, utc);

describe("formatRelativeTime: wording bands (en, UTC)", () => {
  it("reads 'just now' from 0 to 44.999 s", () => {
    for (const age of [0, 1, 10 * SECOND, 44 * SECOND, 45 * SECOND - 1]) {
      expect(en(ago(age)), `age ${age} ms`).toBe("just now");
    }
  });

  it("reads 'just now' for a time slightly in the future (clock skew)", () => {
    expect(en(new Date(NOW + 5 * SECOND))).toBe("just now");
    expect(en(new Date(NOW + 2 * MINUTE))).toBe("just now");
  });

  it("reads minutes from 45 s to 59 min 59 s", () => {
    expect(en(ago(45 * SECOND))).toBe("1 minute ago");
    expect(en(ago(MINUTE))).toBe("1 minute ago");
    expect(en(ago(2 * MINUTE - 1))).toBe("1 minute ago");
    expect(en(ago(2 * MINUTE))).toBe("2 minutes ago");
    expect(en(ago(55 * MINUTE))).toBe("55 minutes ago");
    expect(en(ago(HOUR - 1))).toBe("59 minutes ago");
  });

  it("reads hours on the same calendar day", () => {
    expect(en(ago(HOUR))).toBe("1 hour ago");
    expect(en(ago(4 * HOUR))).toBe("4 hours ago");
    expect(en(ago(4 * HOUR + 59 * MINUTE))).toBe("4 hours ago");
    expect(en(ago(11 * HOUR))).toBe("11 hours ago");
  });

  it("reads 'yesterday' for yesterday's date and for just past 24 hours", () => {
    // 12:00 now; 16 h ago is yesterday 20:00, 26 h ago is yesterday 10:00.
    expect(en(ago(16 * HOUR))).toBe("yesterday");
    expect(en(ago(26 * HOUR))).toBe("yesterday");
    expect(en(ago(35 * HOUR + 59 * MINUTE))).toBe("yesterday"); // yesterday 00:01
  });

  it("keeps hours, not 'yesterday', for less than 6 hours across midnight", () => {
    const justAfterMidnight = Date.parse("2026-06-15T02:00:00.000Z");
    const at = (ms: number) => en(ago(ms, justAfterMidnight), justAfterMidnight);
    expect(at(30 * MINUTE)).toBe("30 minutes ago");
    expect(at(3 * HOUR + 30 * MINUTE)).toBe("3 hours ago"); // yesterday 22:30
    expect(at(6 * HOUR - 1)).toBe("5 hours ago");
    expect(at(6 * HOUR)).toBe("yesterday"); // yesterday 20:00
  });

  it("decides 'yesterday' by the calendar of the given time zone", () => {
    const now = Date.parse("2026-06-15T02:00:00.000Z");
    const then = Date.parse("2026-06-14T18:00:00.000Z"); // 8 hours earlier
    expect(formatRelativeTime(then, now, { locale: "en", timeZone: "UTC" })).toBe("yesterday");
    // New York (UTC-4 in June): 14:00 and 22:00 on 14 June, the same day.
    expect(formatRelativeTime(then, now, { locale: "en", timeZone: "America/New_York" })).toBe(
      "8 hours ago",
    );
    // Tokyo (UTC+9): 03:00 and 11:00 on 15 June.
    expect(formatRelativeTime(then, now, { locale: "en", timeZone: "Asia/Tokyo" })).toBe(
      "8 hours ago",
    );
  });

  it("reads days by calendar days from 2 to 6", () => {
    expect(en(ago(3 * DAY))).toBe("3 days ago");
    // 50 hours apart but three calendar days: 12 June 23:00 -> 15 June 01:00.
    expect(en("2026-06-12T23:00:00.000Z", Date.parse("2026-06-15T01:00:00.000Z"))).toBe(
      "3 days ago",
    );
    expect(en(ago(2 * DAY))).toBe("2 days ago");
    expect(en(ago(6 * DAY))).toBe("6 days ago");
  });

  it("shows a date from a week on, with the year only when it differs or is far back", () => {
    expect(en(ago(7 * DAY))).toBe("Jun 8");
    expect(en("2026-01-02T10:00:00.000Z")).toBe("Jan 2");
    expect(en("2025-12-20T10:00:00.000Z")).toBe("Dec 20, 2025");
    // Same year but more than 180 days back: the year keeps it unambiguous.
    expect(en("2026-07-10T10:00:00.000Z", Date.parse("2026-12-30T10:00:00.000Z"))).toBe("Jul 10");
    expect(en("2026-01-02T10:00:00.000Z", Date.parse("2026-12-30T10:00:00.000Z"))).toBe(
      "Jan 2, 2026",
    );
  });

  it("accepts Date, ISO string and epoch milliseconds alike", () => {
    const then = ago(4 * HOUR);
    expect(en(then)).toBe(en(then.toISOString()));
    expect(en(then.getTime())).toBe(en(then));
    expect(formatRelativeTime(then, new Date(NOW), utc)).toBe("4 hours ago");
  });
});

describe("formatRelativeTime: bugs fixed in shared/relative-time.ts", () => {
  it("a comment from today never reads 'yesterday' on a 25-hour (DST end) day", () => {
    // New York leaves daylight time on 1 November 2026: that day lasts 25 hours.
    const then = Date.parse("2026-11-01T04:10:00.000Z"); // 00:10 EDT, 1 Nov
    const now = Date.parse("2026-11-02T04:50:00.000Z"); // 23:50 EST, still 1 Nov
    expect(formatRelativeTime(then, now, { locale: "en", timeZone: "America/New_York" })).toBe(
      "24 hours ago",
    );
  });

  it("decides 'same year' in the given time zone, not in UTC", () => {
    // 04:00 UTC on 1 Jan 2027 is still 31 Dec 2026 in Los Angeles: last year, so the year shows.
    const then = Date.parse("2027-01-01T04:00:00.000Z");
    const now = Date.parse("2027-01-10T20:00:00.000Z");
    const la = { locale: "en", timeZone: "America/Los_Angeles" };
    expect(formatRelativeTime(then, now, la)).toBe("Dec 31, 2026");
  });
});

describe("formatRelativeTime: other locales", () => {
  it("speaks German", () => {
    const de = (age: number) =>
      formatRelativeTime(ago(age), NOW, { locale: "de", timeZone: "UTC" });
    expect(de(0)).toBe("jetzt");
    expect(de(55 * MINUTE)).toBe("vor 55 Minuten");
    expect(de(4 * HOUR)).toBe("vor 4 Stunden");
    expect(de(26 * HOUR)).toBe("gestern");
    expect(de(3 * DAY)).toBe("vor 3 Tagen");
    expect(de(14 * DAY)).toBe("1. Juni");
  });

  it("speaks French", () => {
    const fr = (age: number) =>
      formatRelativeTime(ago(age), NOW, { locale: "fr", timeZone: "UTC" });
    expect(fr(0)).toBe("maintenant");
    expect(fr(4 * HOUR)).toBe("il y a 4 heures");
    expect(fr(26 * HOUR)).toBe("hier");
    expect(fr(3 * DAY)).toBe("il y a 3 jours");
    expect(fr(14 * DAY)).toBe("1 juin");
  });

  it("keeps English 'just now' for every English locale", () => {
    expect(formatRelativeTime(NOW, NOW, { locale: "en-GB", timeZone: "UTC" })).toBe("just now");
  });

  it("speaks every shipped language in Intl's words, Arabic and Polish plurals included", () => {
    const say = (locale: string, age: number) =>
      formatRelativeTime(ago(age), NOW, { locale, timeZone: "UTC" });
    expect(["es", "it", "pl", "nl", "ar"].map((l) => say(l, 0))).toEqual([
      "ahora",
      "ora",
      "teraz",
      "nu",
      "الآن",
    ]);
    expect(say("ar", 2 * MINUTE)).toBe("قبل دقيقتين");
    expect(say("ar", 5 * MINUTE)).toBe("قبل 5 دقائق");
    expect(say("ar", 26 * HOUR)).toBe("أمس");
    expect(say("pl", 2 * MINUTE)).toBe("2 minuty temu");
    expect(say("pl", 5 * MINUTE)).toBe("5 minut temu");
    expect(say("nl", 26 * HOUR)).toBe("gisteren");
  });
});

describe("msUntilNextChange", () => {
  it("sleeps until 'just now' ends, never under one second", () => {
    expect(msUntilNextChange(ago(0), NOW)).toBe(45 * SECOND);
    expect(msUntilNextChange(ago(44 * SECOND), NOW)).toBe(SECOND);
    expect(msUntilNextChange(ago(44.5 * SECOND), NOW)).toBe(SECOND);
    expect(msUntilNextChange(new Date(NOW + 5 * SECOND), NOW)).toBe(50 * SECOND);
  });

  it("sleeps to the next whole minute below an hour", () => {
    expect(msUntilNextChange(ago(45 * SECOND), NOW)).toBe(15 * SECOND);
    expect(msUntilNextChange(ago(55 * MINUTE + 20 * SECOND), NOW)).toBe(40 * SECOND);
    expect(msUntilNextChange(ago(HOUR - 1), NOW)).toBe(SECOND);
  });

  it("sleeps to the next whole hour from an hour on, at most ten minutes", () => {
    expect(msUntilNextChange(ago(HOUR), NOW, utc)).toBe(10 * MINUTE);
    expect(msUntilNextChange(ago(HOUR + 55 * MINUTE), NOW, utc)).toBe(5 * MINUTE);
    expect(msUntilNextChange(ago(3 * DAY), NOW, utc)).toBe(10 * MINUTE);
  });

  it("wakes at local midnight, where '6 hours ago' becomes 'yesterday'", () => {
    const now = Date.parse("2026-06-14T23:55:00.000Z");
    const then = Date.parse("2026-06-14T17:30:00.000Z");
    expect(formatRelativeTime(then, now, utc)).toBe("6 hours ago");
    expect(formatRelativeTime(then, now + 5 * MINUTE, utc)).toBe("yesterday");
    expect(msUntilNextChange(then, now, utc)).toBe(5 * MINUTE);
  });

  it("never sleeps past a change of the text (property)", () => {
    const zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2025-01-01"), max: Date.parse("2028-01-01") }),
        fc.integer({ min: -MINUTE, max: 400 * DAY }),
        fc.constantFrom(...zones),
        (now, age, timeZone) => {
          const options = { locale: "en", timeZone };
          const then = now - age;
          const sleep = msUntilNextChange(then, now, options);
          expect(sleep).toBeGreaterThanOrEqual(SECOND);
          // The floor of one second may overshoot a change due sooner; nothing else may.
          if (sleep > SECOND) {
            expect(formatRelativeTime(then, now + sleep - 1, options)).toBe(
              formatRelativeTime(then, now, options),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

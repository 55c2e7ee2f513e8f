/**
 * "N reading now" in the header, kept current from the join answer and `presence:updated`. The
 * number may change every second, so the polite live region does not follow it: `speakPolicy`
 * decides when a count is worth saying (docs/embed.md, "Accessibility").
 */
import { h } from "./dom.js";
import { t } from "../i18n/translate.js";

/** A count is spoken again at most this often... */
const SPEAK_EVERY_MS = 60_000;
/** ...and only when it moved by at least this share of the count last spoken (and by 1). */
const NOTABLE_SHARE = 0.25;

/**
 * When to speak a count: the first count shown (the reader has just joined, or someone else just
 * arrived), then at most once a minute and only after a notable change since the last one spoken.
 * Returns a function answering, for each new count shown, whether to speak it now.
 */
export function speakPolicy(now: () => number = Date.now): (readers: number) => boolean {
  let spoken = 0;
  let spokenAt = 0;
  return (readers) => {
    const notable = Math.abs(readers - spoken) >= Math.max(1, spoken * NOTABLE_SHARE);
    if (spoken > 0 && !(notable && now() - spokenAt >= SPEAK_EVERY_MS)) return false;
    spoken = readers;
    spokenAt = now();
    return true;
  };
}

/** The header's presence line. */
export interface PresenceView {
  element: HTMLElement;
  /** The article's readers now (this one included); undefined when the server counts none. */
  set(readers: number | undefined): void;
}

/**
 * Creates the line, hidden while presence is off and while this reader is alone (telling someone
 * that they themselves are reading says nothing). `say` speaks through the polite live region.
 */
export function presenceView(say: (message: string) => void): PresenceView {
  const element = h("p", { class: "presence", hidden: true });
  const speak = speakPolicy();
  return {
    element,
    set(readers) {
      const shown = readers !== undefined && readers > 1;
      element.hidden = !shown;
      if (!shown) return;
      element.textContent = t("{count} reading now", { count: readers });
      if (speak(readers)) say(element.textContent);
    },
  };
}

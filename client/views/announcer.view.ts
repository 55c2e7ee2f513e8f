/**
 * A polite live region: screen-reader users hear "2 new comments" or "Connection restored" without
 * losing their place. Bursts are coalesced so a busy thread does not talk over itself.
 */
import { h } from "./dom.js";
import { isolateText } from "./isolate.view.js";
import { t } from "../i18n/translate.js";

/** Announces short messages politely. */
export interface Announcer {
  element: HTMLElement;
  say(message: string): void;
  /** Counts arrivals and announces one summary line after a short pause. */
  arrival(authorName: string): void;
}

/** Creates the live region (mount `element` once, inside the shadow root). */
export function createAnnouncer(): Announcer {
  const element = h("div", { class: "sr-only", "aria-live": "polite", "aria-atomic": "true" });
  let names: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function say(message: string): void {
    // Clearing first makes a repeated identical message be announced again.
    element.textContent = "";
    requestAnimationFrame(() => {
      element.textContent = message;
    });
  }

  function flush(): void {
    timer = null;
    const count = names.length;
    say(
      count === 1
        ? t("New comment from {name}", { name: names[0] ?? "" })
        : t("{count} new comments", { count }),
    );
    names = [];
  }

  return {
    element,
    say,
    arrival(authorName) {
      // First-strong isolates: a bidi override in a name stays inside it in the spoken line too.
      names.push(isolateText(authorName));
      timer ??= setTimeout(flush, 800);
    },
  };
}

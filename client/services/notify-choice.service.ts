/**
 * The "Notify of" choice (none / replies / all), kept with `GET|PUT /api/articles/:id/subscription`.
 * A choice made before the reader has an identity waits, and is saved once they get one.
 */
import type { Notify } from "../../shared/schemas.js";
import type { Api } from "../net/api.client.js";
import { t } from "../i18n/translate.js";

/** Wires the select; `sync` reads (or saves a waiting choice) after load and every sign-in. */
export function notifyChoice(
  select: HTMLSelectElement,
  api: Api,
  articleId: string,
  signedIn: () => boolean,
  announce: (message: string) => void,
): { sync(): Promise<boolean> } {
  let pending: Notify | null = null;

  /** False when the server could not be asked; the choice then stays pending. */
  async function sync(): Promise<boolean> {
    if (!signedIn()) return true;
    try {
      if (pending) {
        select.value = await api.putSubscription(articleId, pending);
        pending = null;
      } else {
        select.value = await api.getSubscription(articleId);
      }
      return true;
    } catch {
      return false;
    }
  }

  select.addEventListener("change", () => {
    pending = select.value as Notify;
    if (!signedIn()) {
      announce(t("Your choice will apply once you post your first comment."));
      return;
    }
    void sync().then((saved) =>
      announce(saved ? t("Notification choice saved.") : t("Your choice could not be saved.")),
    );
  });
  return { sync };
}

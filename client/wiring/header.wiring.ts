/**
 * The bar above the thread and what hangs off it: "N reading now", the bell (notifications), the
 * "Notify of" choice and the sort order; plus the reader's email settings panel.
 */
import type { Api } from "../net/api.client.js";
import { notifyChoice } from "../services/notify-choice.service.js";
import type { Announcer } from "../views/announcer.view.js";
import { emailPrefsView } from "../views/email-prefs.view.js";
import { HeaderView } from "../views/header.view.js";
import { NotificationsView } from "../views/notifications.view.js";
import { presenceView, type PresenceView } from "../views/presence.view.js";
import type { Reader } from "./reader.wiring.js";

/** What the header needs. */
export interface HeaderDeps {
  api: Api;
  articleId: string;
  reader: Reader;
  announcer: Announcer;
  /** Brings a comment of this article into view (from a notification). */
  reveal: (commentId: string) => void;
}

/** The header's parts. */
export interface HeaderParts {
  header: HeaderView;
  bell: NotificationsView;
  subscription: { sync(): Promise<boolean> };
  emailPrefs: ReturnType<typeof emailPrefsView>;
  /** "N reading now", spoken politely now and then. */
  presence: PresenceView;
}

/** Builds the header, the bell, the Notify of choice and the email settings. */
export function createHeader(deps: HeaderDeps): HeaderParts {
  const { api, articleId, reader, announcer } = deps;
  const signedIn = () => reader.session() !== null;
  const bell = new NotificationsView({
    api,
    articleId,
    signedIn,
    reveal: deps.reveal,
    announce: (message) => announcer.say(message),
  });
  const presence = presenceView((message) => announcer.say(message));
  const header = new HeaderView(bell.root, presence.element);
  const subscription = notifyChoice(header.notify, api, articleId, signedIn, (message) =>
    announcer.say(message),
  );
  const emailPrefs = emailPrefsView(api);
  emailPrefs.setSignedIn(signedIn());
  return { header, bell, subscription, emailPrefs, presence };
}

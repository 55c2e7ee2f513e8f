/**
 * The bell: a button whose accessible name begins "Notifications" and carries the unread count,
 * and a panel listing replies (and, with "Notify of: all", new comments), each linking to its
 * comment. Reading in one tab clears the bell in every tab (the server's `notification:read`).
 */
import type { NotificationsRead } from "../../shared/events.js";
import type { Notification, notificationListSchema } from "../../shared/schemas.js";
import type * as z from "zod/mini";
import { commentLink } from "../../shared/comment-link.js";
import { safeHttpUrl } from "./linkify.js";
import { commentAnchor } from "./comment.view.js";
import { h, onClick, uid } from "./dom.js";
import { isolate, isolateText, tIsolated } from "./isolate.view.js";
import { relativeTime } from "./relative-time.ticker.js";
import { t } from "../i18n/translate.js";

const BELL_SVG =
  "M12 2a6 6 0 0 0-6 6v3.6L4.3 15a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z";

function bellIcon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", BELL_SVG);
  svg.append(path);
  return svg;
}

/** The server calls the bell makes (the REST client has them; the view never sees it). */
export interface NotificationsSource {
  notifications(): Promise<z.infer<typeof notificationListSchema>>;
  unreadCount(): Promise<number>;
  /** Marks the given notifications read (all when `ids` is omitted); resolves with the unread count. */
  markRead(ids?: string[]): Promise<number>;
}

/** What the bell needs from the widget. */
export interface NotificationsDeps {
  api: NotificationsSource;
  articleId: string;
  signedIn(): boolean;
  /** Scrolls to a comment of this article, if shown. */
  reveal(commentId: string): void;
  announce(message: string): void;
}

/** The bell button and its panel. */
export class NotificationsView {
  readonly root: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly badge = h("span", { class: "badge", hidden: true });
  private readonly panel: HTMLElement;
  private readonly list = h("ul", { class: "notification-list" });
  private readonly empty = h("p", { class: "muted" });
  private readonly seen = new Set<string>();
  private unread = 0;

  constructor(private readonly deps: NotificationsDeps) {
    const panelId = uid("notifications");
    this.button = h("button", {
      type: "button",
      class: "bell",
      "aria-expanded": "false",
      "aria-controls": panelId,
    });
    this.button.append(bellIcon(), this.badge);
    const markAll = onClick(
      h("button", { type: "button", class: "link-button" }, t("Mark all as read")),
      () => {
        void this.markRead();
      },
    );
    this.panel = h(
      "div",
      { id: panelId, class: "panel", hidden: true },
      h("div", { class: "panel-head" }, h("h3", null, t("Your notifications")), markAll),
      this.empty,
      this.list,
    );
    this.root = h("div", { class: "bell-wrap" }, this.button, this.panel);
    onClick(this.button, () => void this.toggle());
    // A click anywhere else closes the panel (composedPath sees through the shadow boundary).
    document.addEventListener("click", (event) => {
      if (!this.panel.hidden && !event.composedPath().includes(this.root)) this.close();
    });
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.panel.hidden) {
        this.close();
        this.button.focus();
      }
    });
    this.render();
  }

  /** Loads the unread count (after load, sign-in or reconnect). */
  async refresh(): Promise<void> {
    if (!this.deps.signedIn()) return this.setUnread(0);
    try {
      this.setUnread(await this.deps.api.unreadCount());
    } catch {
      // The bell is secondary: a failed count leaves the last known one.
    }
  }

  /** A live notification from the server. */
  created(notification: Notification): void {
    if (this.seen.has(notification.id)) return;
    this.seen.add(notification.id);
    if (!notification.readAt) this.setUnread(this.unread + 1);
    if (!this.panel.hidden) this.list.prepend(this.item(notification));
    // First-strong isolates keep a bidi override in the name inside the name, in plain text too.
    const who = isolateText(notification.comment.author.name);
    this.deps.announce(
      notification.type === "reply"
        ? t("{name} replied to you", { name: who })
        : t("New comment from {name}", { name: who }),
    );
    this.render();
  }

  /** Notifications were read in some tab. */
  read(update: NotificationsRead): void {
    this.setUnread(update.unreadCount);
    for (const li of this.list.querySelectorAll<HTMLElement>("li.unread")) {
      if (update.ids === null || update.ids.includes(li.dataset.id ?? ""))
        li.classList.remove("unread");
    }
  }

  private setUnread(count: number): void {
    this.unread = Math.max(0, count);
    this.badge.textContent = String(this.unread);
    this.badge.hidden = this.unread === 0;
    this.button.setAttribute(
      "aria-label",
      t("Notifications, {count} unread", { count: this.unread }),
    );
  }

  private render(): void {
    const signedIn = this.deps.signedIn();
    this.empty.textContent = signedIn
      ? t("Nothing yet. Replies to your comments will show here.")
      : t("Post a comment to be told when someone replies.");
    this.empty.hidden = this.list.children.length > 0;
  }

  private async toggle(): Promise<void> {
    if (!this.panel.hidden) return this.close();
    this.panel.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    if (!this.deps.signedIn()) return this.render();
    try {
      const answer = await this.deps.api.notifications();
      this.setUnread(answer.unreadCount);
      for (const n of answer.notifications) this.seen.add(n.id);
      this.list.replaceChildren(...answer.notifications.map((n) => this.item(n)));
    } catch {
      this.empty.textContent = t("Notifications could not be loaded.");
    }
    this.render();
  }

  private close(): void {
    this.panel.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
  }

  private item(n: Notification): HTMLLIElement {
    const who = isolate(n.comment.author.name);
    const what =
      n.type === "reply"
        ? t(" replied to your comment")
        : n.type === "mention"
          ? t(" mentioned you")
          : t(" commented");
    const excerpt = n.comment.body.length > 90 ? `${n.comment.body.slice(0, 90)}…` : n.comment.body;
    const here = n.articleId === this.deps.articleId;
    // A reply on another article links to that article's page, at the comment.
    // Only http(s): the server checks it, the embed does not take that on trust.
    const pageUrl = n.article?.url ? safeHttpUrl(n.article.url) : null;
    const elsewhere = !here && pageUrl ? commentLink(pageUrl, n.comment.id) : null;
    const link = h(
      "a",
      { href: elsewhere ?? `#${commentAnchor(n.comment.id)}`, "data-comment-id": n.comment.id },
      h("span", { class: "what" }, who, what),
      h("span", { class: "excerpt", dir: "auto" }, excerpt),
      here
        ? null
        : h(
            "span",
            { class: "excerpt" },
            ...tIsolated(
              "On {title}",
              "title",
              n.article?.title ?? t("another article ({id})", { id: n.articleId }),
            ),
          ),
    );
    const li = h(
      "li",
      { class: n.readAt ? "" : "unread", "data-id": n.id },
      link,
      relativeTime(n.createdAt),
    );
    onClick(link, (event) => {
      if (n.articleId === this.deps.articleId) {
        event.preventDefault();
        this.close();
        this.deps.reveal(n.comment.id);
      }
      if (li.classList.contains("unread")) void this.markRead([n.id]);
    });
    return li;
  }

  private async markRead(ids?: string[]): Promise<void> {
    if (!this.deps.signedIn()) return;
    try {
      this.read({ ids: ids ?? null, unreadCount: await this.deps.api.markRead(ids) });
    } catch {
      this.deps.announce(t("Notifications could not be marked as read."));
    }
  }
}

/**
 * The moderation page (/moderate): signs in with a moderator's token, shows the pending and
 * reported queues, and keeps them live: `moderation:queued` adds an item, `moderation:decided`
 * (from any moderator) drops it. Reuses the embed's socket wrapper and DOM helper.
 */
import type { ModerationAction, ModerationQueue, QueueItem } from "../../shared/trust.schemas.js";
import { openSocket, type ParleySocket } from "../net/socket.client.js";
import { createModerationApi, type ModerationApi, ModerationApiError } from "./moderation.api.js";
import { queueItemView } from "./queue.view.js";
import { t } from "../i18n/translate.js";
import { applyLanguage, startLanguage } from "../wiring/language.wiring.js";
import { translatePage } from "./page-texts.js";

const TOKEN_KEY = "parley:moderator-token";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Both queues, by comment id, in arrival order. */
const queues: Record<ModerationQueue, Map<string, QueueItem>> = {
  pending: new Map(),
  reported: new Map(),
};
let shown: ModerationQueue = "pending";
let api: ModerationApi | null = null;
let socket: ParleySocket | null = null;

function say(text: string) {
  $("status").textContent = text;
}

function render() {
  const list = $("items");
  list.replaceChildren(
    ...[...queues[shown].values()].map((item) =>
      queueItemView(item, (action) => void decide(item, action)),
    ),
  );
  $("empty").hidden = queues[shown].size > 0;
  for (const queue of ["pending", "reported"] as const) {
    const count = document.querySelector(`[data-count="${queue}"]`);
    if (count) count.textContent = String(queues[queue].size);
    $(`tab-${queue}`).setAttribute("aria-selected", String(queue === shown));
  }
}

async function decide(item: QueueItem, action: ModerationAction) {
  if (!api) return;
  try {
    await api.decide(item.comment.id, action, item.comment.editedAt);
    drop(item.comment.id);
    say(
      action === "approve" ? t("Approved.") : action === "reject" ? t("Rejected.") : t("Removed."),
    );
  } catch (error) {
    say(error instanceof Error ? error.message : t("The decision failed"));
    // Edited since it was shown: show the current version to decide about.
    if (error instanceof ModerationApiError && error.code === "conflict") await load();
  }
}

function drop(commentId: string) {
  queues.pending.delete(commentId);
  queues.reported.delete(commentId);
  render();
}

async function load() {
  if (!api) return;
  for (const queue of ["pending", "reported"] as const) {
    queues[queue] = new Map((await api.queue(queue)).map((i) => [i.comment.id, i]));
  }
  render();
}

function signIn(token: string) {
  api = createModerationApi(token);
  socket?.close();
  socket = openSocket(window.location.origin, () => token);
  socket.on("connect", () => {
    say(t("Live"));
    $("sign-in").hidden = true;
    $("queue").hidden = false;
    // Reload on every (re)connect: anything decided or queued while away is picked up.
    load().catch((error: unknown) => {
      // A valid token of someone who is not a moderator connects, but the queue refuses it.
      if (
        error instanceof ModerationApiError &&
        ["forbidden", "unauthorized"].includes(error.code)
      ) {
        signOut();
        say(t("That token was refused"));
      } else say(error instanceof Error ? error.message : t("Load failed"));
    });
  });
  socket.on("connect_error", (error) => {
    say(error.message === "unauthorized" ? t("That token was refused") : t("Reconnecting…"));
    if (error.message === "unauthorized") signOut();
  });
  socket.on("moderation:queued", (item) => {
    const known = queues[item.queue].get(item.comment.id);
    const reasons = [...new Set([...(known?.reasons ?? []), ...item.reasons])];
    queues[item.queue].set(item.comment.id, { ...item, reasons });
    // An edit refreshes the comment wherever it waits, so the text decided about is the latest.
    for (const other of Object.values(queues)) {
      const waiting = other.get(item.comment.id);
      if (waiting) other.set(item.comment.id, { ...waiting, comment: item.comment });
    }
    render();
  });
  socket.on("moderation:decided", (decision) => drop(decision.commentId));
  // The token ran out, or the host took the role away: the queue no longer updates, so say so.
  socket.on("session:expired", () => {
    signOut();
    say(t("Your token has expired: paste a new one"));
  });
  let wasModerator = false;
  socket.on("session:updated", (user) => {
    if (user.role === "moderator") {
      wasModerator = true;
      return;
    }
    signOut();
    say(wasModerator ? t("You are no longer a moderator") : t("That token was refused"));
  });
  socket.connect();
  sessionStorage.setItem(TOKEN_KEY, token);
}

function signOut() {
  socket?.close();
  socket = null;
  api = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $("sign-in").hidden = false;
  $("queue").hidden = true;
}

function start() {
  $("sign-in").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $<HTMLTextAreaElement>("token").value.trim();
    if (token) signIn(token);
  });
  $("sign-out").addEventListener("click", () => {
    signOut();
    say(t("Signed out"));
  });
  for (const queue of ["pending", "reported"] as const) {
    $(`tab-${queue}`).addEventListener("click", () => {
      shown = queue;
      render();
    });
  }
  // A token in the fragment never reaches the server's logs; it is removed from the address bar.
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (fromHash) history.replaceState(null, "", window.location.pathname + window.location.search);
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY);
  if (token) signIn(token);
}

// The language: `?locale=`, else the page's `<html lang>` (none as shipped), else the browser's.
const asked = new URLSearchParams(window.location.search).get("locale");
void startLanguage([asked, document.documentElement.lang], window.location.origin)
  .then((language) => {
    applyLanguage(document.documentElement, language);
    translatePage();
  })
  .finally(start);

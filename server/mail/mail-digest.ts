/**
 * The mailer's decision over a batch of due notifications (pure): one message per recipient
 * with a confirmed address who wants reply emails, holding all their due notifications (a digest
 * when there are several); everyone else's are marked handled and never looked at again.
 */
import { newId } from "../core/ids.js";
import type { DueNotification, MailDecision } from "../store/outbox-store.js";
import type { LinkTokens } from "./link-tokens.js";
import { type MailLinks, renderNotificationMail } from "./mail-render.js";

export function decideMail(
  due: DueNotification[],
  tokens: LinkTokens,
  links: MailLinks,
  now: string,
): MailDecision {
  const byRecipient = new Map<string, DueNotification[]>();
  for (const d of due) {
    const list = byRecipient.get(d.recipient.id) ?? [];
    list.push(d);
    byRecipient.set(d.recipient.id, list);
  }
  const decision: MailDecision = { outbox: [], handled: [], mailedUsers: [] };
  for (const [userId, items] of byRecipient) {
    decision.handled.push(...items.map((d) => d.notification.id));
    const { recipient } = items[0]!;
    const wanted =
      recipient.email !== null &&
      recipient.emailConfirmed &&
      recipient.emailReplies &&
      recipient.emailDelivery !== "off";
    // A comment removed or held since the notification was made is not worth a message.
    const live = items.filter((d) => d.notification.comment.status === "published");
    if (!wanted || live.length === 0) continue;
    const id = newId();
    const unsubscribe = `${links.base}/email/unsubscribe?token=${tokens.sign({ p: "unsub", u: userId })}`;
    const mail = renderNotificationMail(live, recipient.email!, id, unsubscribe, links);
    decision.outbox.push({
      id,
      kind: "email",
      target: recipient.email!,
      payload: JSON.stringify(mail),
      createdAt: now,
    });
    decision.mailedUsers.push(userId);
  }
  return decision;
}

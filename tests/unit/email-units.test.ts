/**
 * Pure parts of email and webhooks: signed link tokens, mention parsing, Standard Webhooks
 * signatures checked by the `standardwebhooks` package, escaping in rendered mail.
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { findMentions, MAX_MENTIONS } from "../../server/domain/mentions.rules.js";
import { createLinkTokens } from "../../server/mail/link-tokens.js";
import { renderNotificationMail } from "../../server/mail/mail-render.js";
import { backoffMs } from "../../server/mail/outbox.worker.js";
import { signWebhook, webhookKey } from "../../server/mail/webhook-signature.js";
import type { DueNotification } from "../../server/store/outbox-store.js";

describe("link tokens", () => {
  const tokens = createLinkTokens("a-token-secret-a-token-secret-0123456789");
  const now = Date.parse("2026-05-01T00:00:00Z");

  it("verifies what it signed, and nothing altered, foreign or expired", () => {
    const unsub = tokens.sign({ p: "unsub", u: "user-1" });
    expect(tokens.verify(unsub, now)).toEqual({ p: "unsub", u: "user-1" });
    const [data, mac] = unsub.split(".");
    const other = Buffer.from(JSON.stringify({ p: "unsub", u: "user-2" })).toString("base64url");
    expect(tokens.verify(`${other}.${mac}`, now)).toBeNull();
    expect(tokens.verify(`${data}.${mac!.slice(0, -2)}`, now)).toBeNull();
    expect(tokens.verify(`${data}`, now)).toBeNull();
    expect(tokens.verify("x".repeat(5000), now)).toBeNull();
    const foreign = createLinkTokens("another-secret-another-secret-0123456789");
    expect(foreign.verify(unsub, now)).toBeNull();
    const confirm = tokens.sign({ p: "confirm", u: "u", e: "a@b.example", x: now + 1000 });
    expect(tokens.verify(confirm, now)).toMatchObject({ p: "confirm", e: "a@b.example" });
    expect(tokens.verify(confirm, now + 1001)).toBeNull();
  });
});

describe("mentions", () => {
  it("finds distinct handles, not email addresses, at most a few", () => {
    expect(findMentions("Thanks @guest_100001. And @mr.bell, @guest_100001 again")).toEqual([
      "guest_100001",
      "mr.bell",
    ]);
    expect(findMentions("mail me at ada@example.com or @@twice")).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => `@user${i}`).join(" ");
    expect(findMentions(many)).toHaveLength(MAX_MENTIONS);
  });
});

describe("webhook signatures", () => {
  it("are accepted by the standardwebhooks reference library", () => {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const body = JSON.stringify({ type: "comment.created", timestamp: "t", data: { ü: "✓" } });
    const ts = Math.floor(Date.now() / 1000);
    const headers = signWebhook(webhookKey(secret), "msg_1", ts, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});

describe("outbox backoff", () => {
  it("doubles from 10 s and stops at an hour", () => {
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 3_600_000]);
  });
});

describe("rendered mail", () => {
  it("escapes every value in HTML and keeps text plain", () => {
    const due: DueNotification = {
      notification: {
        id: "n1",
        type: "reply",
        articleId: "a1",
        createdAt: "2026-01-01T00:00:00.000Z",
        readAt: null,
        comment: {
          id: "c1",
          articleId: "a1",
          parentId: "p1",
          seq: 2,
          author: {
            id: "u2",
            name: '<img src=x onerror="alert(1)">',
            handle: "h",
            role: "guest",
            avatarUrl: null,
          },
          body: "</blockquote><script>alert(1)</script>",
          status: "published",
          createdAt: "2026-01-01T00:00:00.000Z",
          editedAt: null,
          editedBy: null,
          replyCount: 0,
          score: 0,
        },
      },
      article: { title: "A & B", url: 'https://news.example/a?"x"' },
      recipient: {
        id: "u1",
        name: "Ann",
        email: "ann@x.example",
        emailConfirmed: true,
        emailReplies: true,
        emailDelivery: "instant",
      },
    };
    const mail = renderNotificationMail(
      [due],
      "ann@x.example",
      "id1",
      "https://c.example/u?t=1&x=2",
      {
        base: "https://c.example",
        host: "c.example",
      },
    );
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain("&lt;/blockquote&gt;&lt;script&gt;");
    expect(mail.html).toContain('href="https://news.example/a?&quot;x&quot;#parley-comment-c1"');
    expect(mail.text).toContain("</blockquote><script>alert(1)</script>");
    expect(mail.messageId).toBe("<id1@c.example>");
  });
});

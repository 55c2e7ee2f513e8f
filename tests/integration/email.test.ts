/**
 * Email against real parts: a real SMTP server receives what Parley sends (parsed with
 * mailparser), a pinned clock stands for "the delay has passed", and each outbox poll is run on
 * demand so every assertion follows a completed poll, never a duration.
 */
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, guest, waitFor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";
import { ssoToken, SSO_TEST_SECRET } from "../helpers/trust.js";

const PUBLIC = "https://comments.news.example";
const start = Date.parse("2026-03-01T08:00:00.000Z");
const now = { t: start };
let smtp: SmtpSink;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({
    clock: { now: () => new Date(now.t) },
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: "News comments <comments@news.example>",
      PUBLIC_URL: PUBLIC,
      EMAIL_DELAY_SECONDS: "300",
      SSO_SECRET: SSO_TEST_SECRET,
      // Polls run when the test says so.
      OUTBOX_POLL_MS: "3600000",
    },
  });
  await server.store.claimArticlePage("budget-2026", {
    title: "Budget 2026: what changes",
    url: "https://news.example/budget-2026",
  });
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
});
afterEach(() => {
  now.t += 24 * 3600_000;
});

/** Runs one outbox poll to its end: what it sends has reached the SMTP server when it resolves. */
const poll = () => server.parley.outbox!.poll();
const later = (seconds: number) => void (now.t += seconds * 1000);
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

/** A header exactly as sent (mailparser reshapes List-* headers). */
function headerLine(mail: ParsedMail, key: string): string | undefined {
  // Unfolded: a long header arrives over several lines (RFC 5322 folding).
  return mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n(?=[ \t])/g, "");
}

/** The URL of the List-Unsubscribe header, `<...>` removed. */
function unsubscribeOf(mail: ParsedMail): string {
  return /^List-Unsubscribe:\s*<(.+)>$/.exec(headerLine(mail, "list-unsubscribe") ?? "")?.[1] ?? "";
}

/** Our own server instead of the public host, to follow a link from a message. */
const local = (link: string) => link.replace(PUBLIC, server.url);

async function post(token: string, body: string, parentId?: string) {
  const res = await api(server.url, "POST", "/api/articles/budget-2026/comments", {
    token,
    body: { body, ...(parentId ? { parentId } : {}) },
  });
  expect(res.status).toBe(201);
  return res.json.comment as { id: string };
}

/** A guest with an address, confirmed by following the link it was sent. */
async function confirmedGuest(name: string, email: string) {
  const res = await api(server.url, "POST", "/api/sessions", { body: { name, email } });
  expect(res.status).toBe(201);
  await poll();
  const [confirm] = mailsTo(email);
  const link = /https:\/\/\S+\/email\/confirm\?token=[\w.-]+/.exec(confirm!.parsed.text ?? "")![0];
  const page = await fetch(local(link));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<form method="post"');
  const done = await fetch(local(link), { method: "POST" });
  expect(done.status).toBe(200);
  return res.json as { token: string; user: { id: string; handle: string } };
}

describe("email: confirmation first", () => {
  it("sends a guest address its confirm link and nothing else until it is followed", async () => {
    const res = await api(server.url, "POST", "/api/sessions", {
      body: { name: "Ada", email: "ada@reader.example" },
    });
    expect(res.status).toBe(201);
    const ada = res.json as { token: string };
    const root = await post(ada.token, "Who pays for the new bridge?");
    const bob = await guest(server.url, "Bob");
    await post(bob.token, "The toll does, mostly.", root.id);
    later(301);
    await poll();
    later(301);
    await poll();
    const got = mailsTo("ada@reader.example");
    expect(got.map((m) => m.parsed.subject)).toEqual([
      "Confirm your email address for reply notifications",
    ]);
    expect(got[0]!.parsed.text).toContain(`${PUBLIC}/email/confirm?token=`);
    // The preferences show the address, unconfirmed.
    const prefs = await api(server.url, "GET", "/api/me/preferences", { token: ada.token });
    expect(prefs.json).toEqual({
      email: "ada@reader.example",
      emailConfirmed: false,
      emailReplies: true,
      emailDelivery: "instant",
    });
  });

  it("refuses a forged or altered confirm link", async () => {
    for (const token of ["", "abc", "eyJwIjoiY29uZmlybSJ9.AAAA", "a.b.c"]) {
      const res = await fetch(`${server.url}/email/confirm?token=${token}`, { method: "POST" });
      expect(res.status).toBe(400);
    }
  });
});

describe("email: reply notifications", () => {
  it("mails a reply still unread after the delay: headers, both bodies, title, name, excerpt, link", async () => {
    const cy = await confirmedGuest("Cy", "cy@reader.example");
    const root = await post(cy.token, "Bridges are cheaper than ferries in the long run.");
    const dee = await guest(server.url, "Dee <b>Bold</b>");
    const reply = await post(dee.token, "Not when you count maintenance & <interest>.", root.id);
    later(299);
    await poll();
    expect(mailsTo("cy@reader.example")).toHaveLength(1); // only the confirmation so far
    later(2);
    await poll();
    const mails = mailsTo("cy@reader.example");
    expect(mails).toHaveLength(2);
    const mail = mails[1]!.parsed;
    expect(mail.subject).toBe(
      "Dee <b>Bold</b> replied to your comment on “Budget 2026: what changes”",
    );
    expect(mail.from?.value[0]).toMatchObject({
      name: "News comments",
      address: "comments@news.example",
    });
    expect(mail.messageId).toMatch(/^<[\w-]+@comments\.news\.example>$/);
    expect(unsubscribeOf(mail)).toMatch(new RegExp(`^${PUBLIC}/email/unsubscribe\\?token=`));
    expect(headerLine(mail, "list-unsubscribe-post")).toBe(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );
    const link = `https://news.example/budget-2026#parley-comment-${reply.id}`;
    expect(mail.text).toContain("Not when you count maintenance & <interest>.");
    expect(mail.text).toContain(link);
    expect(mail.html).toContain("Dee &lt;b&gt;Bold&lt;/b&gt; replied");
    expect(mail.html).toContain("Not when you count maintenance &amp; &lt;interest&gt;.");
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).not.toMatch(/<img/i);
  });

  it("sends nothing for a notification read in the bell before the delay", async () => {
    const eve = await confirmedGuest("Eve", "eve@reader.example");
    const root = await post(eve.token, "Read in time, please.");
    const fay = await guest(server.url, "Fay");
    await post(fay.token, "Here is a reply you will see live.", root.id);
    const read = await api(server.url, "POST", "/api/notifications/read", { token: eve.token });
    expect(read.json).toEqual({ unreadCount: 0 });
    later(301);
    await poll();
    expect(mailsTo("eve@reader.example").map((m) => m.parsed.subject)).toEqual([
      "Confirm your email address for reply notifications",
    ]);
  });

  it("makes one digest of several unread notifications", async () => {
    const gus = await confirmedGuest("Gus", "gus@reader.example");
    const root = await post(gus.token, "Three replies coming.");
    for (const name of ["Hal", "Ivy", "Jo"]) {
      const g = await guest(server.url, name);
      await post(g.token, `${name} disagrees politely.`, root.id);
    }
    later(301);
    await poll();
    const mails = mailsTo("gus@reader.example");
    expect(mails).toHaveLength(2);
    const digest = mails[1]!.parsed;
    expect(digest.subject).toBe("3 new replies and comments on “Budget 2026: what changes”");
    for (const name of ["Hal", "Ivy", "Jo"]) {
      expect(digest.text).toContain(`${name} replied to your comment`);
      expect(digest.text).toContain(`${name} disagrees politely.`);
    }
  });

  it("hourly delivery: at most one message an hour, the rest wait for the next", async () => {
    const kim = await confirmedGuest("Kim", "kim@reader.example");
    const put = await api(server.url, "PUT", "/api/me/preferences", {
      token: kim.token,
      body: { emailDelivery: "hourly" },
    });
    expect(put.json).toMatchObject({ emailDelivery: "hourly", emailConfirmed: true });
    const root = await post(kim.token, "Hourly, please.");
    const lee = await guest(server.url, "Lee");
    await post(lee.token, "First.", root.id);
    later(301);
    await poll();
    expect(mailsTo("kim@reader.example")).toHaveLength(2);
    await post(lee.token, "Second.", root.id);
    await post(lee.token, "Third.", root.id);
    later(301);
    await poll();
    expect(mailsTo("kim@reader.example")).toHaveLength(2);
    later(3600);
    await poll();
    const mails = mailsTo("kim@reader.example");
    expect(mails).toHaveLength(3);
    expect(mails[2]!.parsed.text).toContain("Second.");
    expect(mails[2]!.parsed.text).toContain("Third.");
  });

  it("one-click unsubscribe (RFC 8058): a POST without cookies or token stops reply emails", async () => {
    const max = await confirmedGuest("Max", "max@reader.example");
    const root = await post(max.token, "Unsubscribe me after this.");
    const ned = await guest(server.url, "Ned");
    await post(ned.token, "One.", root.id);
    later(301);
    await poll();
    const mail = mailsTo("max@reader.example")[1]!.parsed;
    const url = unsubscribeOf(mail);
    const res = await fetch(local(url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    const prefs = await api(server.url, "GET", "/api/me/preferences", { token: max.token });
    expect(prefs.json.emailReplies).toBe(false);
    await post(ned.token, "Two.", root.id);
    later(301);
    await poll();
    expect(mailsTo("max@reader.example")).toHaveLength(2);
    // A forged token changes nothing.
    const forged = await fetch(local(url.replace(/.$/, (c) => (c === "A" ? "B" : "A"))), {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
    });
    expect(forged.status).toBe(400);
  });

  it("mentions: notified live and stored, and mailed under the same rules", async () => {
    const ola = await confirmedGuest("Ola", "ola@reader.example");
    const pat = await guest(server.url, "Pat");
    const { connect } = await import("../helpers/clients.js");
    const socket = await connect(server.url, ola.token);
    const live: { type: string }[] = [];
    socket.on("notification:created", (n) => live.push(n));
    const body = `Agree with @${ola.user.handle} and @nobody_here, and again @${ola.user.handle}.`;
    const comment = await post(pat.token, body);
    await waitFor("the live mention", () => live.length === 1);
    expect(live[0]).toMatchObject({ type: "mention", comment: { id: comment.id } });
    const stored = await api(server.url, "GET", "/api/notifications", { token: ola.token });
    expect(stored.json.notifications[0]).toMatchObject({
      type: "mention",
      comment: { id: comment.id },
    });
    socket.close();
    later(301);
    await poll();
    const mail = mailsTo("ola@reader.example")[1]!.parsed;
    expect(mail.subject).toBe("Pat mentioned you on “Budget 2026: what changes”");
  });

  it("trusts a host's address only when its token says email_verified", async () => {
    const verified = await ssoToken(
      { sub: "member-v", name: "Vera", email: "vera@host.example", email_verified: true },
      new Date(now.t),
    );
    const unverified = await ssoToken(
      { sub: "member-u", name: "Uma", email: "uma@host.example" },
      new Date(now.t),
    );
    const prefsV = await api(server.url, "GET", "/api/me/preferences", { token: verified });
    expect(prefsV.json).toMatchObject({ email: "vera@host.example", emailConfirmed: true });
    const prefsU = await api(server.url, "GET", "/api/me/preferences", { token: unverified });
    expect(prefsU.json).toMatchObject({ email: "uma@host.example", emailConfirmed: false });
    const root = await post(verified, "A member's comment.");
    await post(unverified, "A reply to a member.", root.id);
    later(301);
    await poll();
    expect(mailsTo("vera@host.example").map((m) => m.parsed.subject)).toEqual([
      "Uma replied to your comment on “Budget 2026: what changes”",
    ]);
  });

  it("bounds preferences: address length, delivery choice, sign-in", async () => {
    const qi = await guest(server.url, "Qi");
    const long = `${"a".repeat(245)}@x.example`;
    for (const body of [
      { email: long },
      { email: "not an address" },
      { emailDelivery: "weekly" },
      { emailReplies: "yes" },
    ]) {
      const res = await api(server.url, "PUT", "/api/me/preferences", { token: qi.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("invalid_input");
    }
    const anonymous = await api(server.url, "GET", "/api/me/preferences");
    expect(anonymous.status).toBe(401);
    const session = await api(server.url, "POST", "/api/sessions", {
      body: { name: "R", email: long },
    });
    expect(session.status).toBe(400);
  });
});

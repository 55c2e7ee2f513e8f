/**
 * Email: `GET|PUT /api/me/preferences`, and the pages behind links in messages (outside /api: a
 * mail client's one-click POST carries no token, no JSON and no Origin). Confirming and
 * unsubscribing take a POST, so a link scanner fetching the GET changes nothing; the RFC 8058
 * one-click POST (`List-Unsubscribe=One-Click`) works without cookies or tokens.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { emailPreferencesBody } from "../../shared/schemas.js";
import type { EmailService } from "../domain/email.service.js";
import { escapeHtml } from "../mail/mail-render.js";
import type { MailCapture } from "../mail/mail-senders.js";
import type { AppEnv } from "./http-env.js";
import { parseBody } from "./parse.js";

/** A tiny page in the server's own voice; every value escaped, no inline script or style. */
function page(c: Context, status: 200 | 400, title: string, body: string) {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<meta name="viewport" content="width=device-width"></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    status,
  );
}

function tokenOf(c: Context): string {
  return (c.req.query("token") ?? "").slice(0, 1024);
}

/** A form that POSTs back to this same link. */
function button(token: string, path: string, label: string): string {
  return `<form method="post" action="${escapeHtml(`${path}?token=${encodeURIComponent(token)}`)}"><button type="submit">${escapeHtml(label)}</button></form>`;
}

export function preferencesRoutes(email: EmailService) {
  const app = new Hono<AppEnv>();
  app.get("/me/preferences", async (c) => c.json(await email.get(c.get("actor"))));
  app.put("/me/preferences", async (c) => {
    const input = await parseBody(c, emailPreferencesBody);
    return c.json(await email.set(c.get("actor"), input));
  });
  return app;
}

export function emailLinkRoutes(email: EmailService, capture: MailCapture | null) {
  const app = new Hono<AppEnv>();
  const invalid = (c: Context) =>
    page(c, 400, "This link is not valid", "<p>It may have expired or been cut short.</p>");

  app.get("/email/confirm", (c) =>
    page(
      c,
      200,
      "Confirm your address",
      button(tokenOf(c), "/email/confirm", "Confirm my email address"),
    ),
  );
  app.post("/email/confirm", async (c) =>
    (await email.confirm(tokenOf(c)))
      ? page(c, 200, "Address confirmed", "<p>You will now hear of replies by email.</p>")
      : invalid(c),
  );
  app.get("/email/unsubscribe", (c) =>
    page(c, 200, "Stop reply emails", button(tokenOf(c), "/email/unsubscribe", "Unsubscribe")),
  );
  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL.
  app.post("/email/unsubscribe", async (c) =>
    (await email.unsubscribe(tokenOf(c)))
      ? page(c, 200, "Unsubscribed", "<p>No more reply emails will be sent.</p>")
      : invalid(c),
  );

  if (capture) {
    // Development only (no SMTP_URL, not production): what would have been sent.
    app.get("/dev/mail", (c) => {
      const items = [...capture.messages()]
        .reverse()
        .map(
          (m) =>
            `<article><h2>${escapeHtml(m.subject)}</h2><p>To ${escapeHtml(m.to)} · ${escapeHtml(m.sentAt)} · ${escapeHtml(m.messageId)}</p>` +
            `<pre>${escapeHtml(
              Object.entries(m.headers)
                .map(([k, v]) => `${k}: ${v}`)
                .join("\n"),
            )}</pre>` +
            `<pre>${escapeHtml(m.text)}</pre></article>`,
        )
        .join("<hr>");
      return page(c, 200, "Captured email (development)", items || "<p>No email yet.</p>");
    });
  }
  return app;
}

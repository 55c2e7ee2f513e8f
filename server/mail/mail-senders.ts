/**
 * The two ways an email leaves: through nodemailer to SMTP_URL, or (development without a relay)
 * into the log and an in-memory list shown at /dev/mail.
 */
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { MailSender, OutgoingMail } from "./outgoing-mail.js";

/** Nodemailer over SMTP; each phase bounded so a stalled relay fails the attempt within the lease. */
export function smtpSender(smtpUrl: string, from: string, timeoutMs: number): MailSender {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return async (mail) => {
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
  };
}

/** The captured messages of development, newest last, at most `max`. */
export interface MailCapture {
  sender: MailSender;
  messages(): readonly (OutgoingMail & { sentAt: string })[];
}

export function captureSender(logger: Logger, max = 50): MailCapture {
  const captured: (OutgoingMail & { sentAt: string })[] = [];
  return {
    sender(mail) {
      captured.push({ ...mail, sentAt: new Date().toISOString() });
      if (captured.length > max) captured.shift();
      logger.info(
        { to: mail.to, subject: mail.subject, messageId: mail.messageId, text: mail.text },
        "email captured (no SMTP_URL): see /dev/mail",
      );
      return Promise.resolve();
    },
    messages: () => captured,
  };
}

/** An email as the outbox keeps it: rendered once, so every retry sends the same message. */
import { z } from "zod";

export const outgoingMailSchema = z.object({
  to: z.string().min(3).max(254),
  subject: z.string().max(500),
  text: z.string(),
  html: z.string(),
  /** `<id@host>`: stable across retries, so a receiver can drop a duplicate. */
  messageId: z.string().max(300),
  headers: z.record(z.string(), z.string()),
});

export type OutgoingMail = z.infer<typeof outgoingMailSchema>;

/** Sends one email; rejects on failure (the outbox retries). */
export type MailSender = (mail: OutgoingMail) => Promise<void>;

/**
 * A real SMTP server for tests (smtp-server on port 0) that parses what arrives (mailparser) and
 * keeps it to assert on. `stallNext()` makes the next DATA hang without an answer, as a relay
 * stuck mid-send would; `released()` lets it go.
 */
import { type AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** DATA commands begun (stalled or not). */
  dataStarted: number;
  /** The next DATA is read but never answered until the connection dies. */
  stallNext(): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let stall = false;
  const sink: SmtpSink = {
    url: "",
    received: [],
    dataStarted: 0,
    stallNext: () => void (stall = true),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      sink.dataStarted++;
      const chunks: Buffer[] = [];
      const stalled = stall;
      stall = false;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        // A stalled DATA is never acknowledged: the sender sees no 250, as when a relay hangs.
        if (stalled) return;
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (parsed) => {
            sink.received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}

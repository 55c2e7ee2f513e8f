/**
 * A forked process holding the posters: raw Socket.IO connections (authenticated with a Parley guest
 * token when given) that send `comment:post` with an ack at a fixed open-loop rate, whatever the
 * server's answers do, so a slow server shows as latency and backlog rather than as a lower rate.
 * Each body carries the phase and the send time, stamped right before the frame is written.
 */
import * as hdr from "hdr-histogram-js";
import { randomBytes } from "node:crypto";
import { EioSocket } from "./eio-client.js";
import {
  histogramRequest,
  nowMicros,
  type PosterCommand,
  type PosterReply,
  type PosterRun,
  stamp,
} from "./messages.js";

const posters: EioSocket[] = [];
const FILLER = "is a comment from the load generator, about as long as a short reader reply.";

function send(reply: PosterReply): void {
  process.send?.(reply);
}

async function connect(baseUrls: string[], tokens: (string | null)[]): Promise<void> {
  for (const [i, token] of tokens.entries()) {
    const socket = new EioSocket({
      baseUrl: baseUrls[i % baseUrls.length]!,
      ...(token ? { auth: { token } } : {}),
    });
    await socket.ready;
    posters.push(socket);
  }
  send({ type: "connected", connected: posters.length });
}

async function run(cmd: PosterRun): Promise<void> {
  const total = Math.round((cmd.ratePerSec * cmd.durationMs) / 1000);
  const intervalMs = 1000 / cmd.ratePerSec;
  const ackHistogram = hdr.build(histogramRequest);
  const expected: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let refused = 0;
  let firstFailure: string | null = null;
  let firstSendAt = 0;
  let lastSendAt = 0;

  const post = (): void => {
    const articleId = cmd.articleIds[sent % cmd.articleIds.length]!;
    const socket = posters[sent % posters.length]!;
    const body = `${stamp(cmd.phase)} #${sent} ${FILLER}`;
    const sentAt = nowMicros();
    sent += 1;
    lastSendAt = Date.now();
    firstSendAt ||= lastSendAt;
    const clientKey = randomBytes(12).toString("base64url");
    socket.emit("comment:post", { articleId, body, clientKey }, (answer) => {
      if (answer.startsWith('[{"ok":true')) {
        acked += 1;
        expected[articleId] = (expected[articleId] ?? 0) + 1;
        ackHistogram.recordValue(Math.max(1, nowMicros() - sentAt));
      } else {
        failed += 1;
        if (answer.includes('"rate_limited"')) refused += 1;
        firstFailure ??= answer.slice(0, 300);
      }
    });
  };

  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
      while (sent < due) post();
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
  const deadline = Date.now() + cmd.ackTimeoutMs;
  while (acked + failed < sent && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  send({
    type: "done",
    sent,
    acked,
    failed,
    firstFailure,
    refused,
    disconnected: posters.filter((p) => !p.open).length,
    expected,
    ackHistogram: hdr.encodeIntoCompressedBase64(ackHistogram),
    firstSendAt,
    lastSendAt,
  });
}

// The coordinator is gone (ended or killed): so is the load.
process.on("disconnect", () => process.exit(0));
process.on("message", (cmd: PosterCommand) => {
  if (cmd.type === "connect") void connect(cmd.baseUrls, cmd.tokens);
  else if (cmd.type === "run") void run(cmd);
  else {
    for (const p of posters) p.close();
    process.exit(0);
  }
});

/**
 * The outbox on PostgreSQL with several instances: three instances polling one outbox send each
 * email and each webhook exactly once; and a message whose sender is SIGKILLed in the middle of
 * the SMTP DATA is sent by another instance once the dead sender's lease has run out.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest, waitFor } from "../helpers/clients.js";
import { startChildServer } from "../helpers/child-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { redisServerInstalled, startRedisServer, type TestRedis } from "../helpers/redis-server.js";
import { type ScaledInstance, startScaledInstance } from "../helpers/scale-out.js";
import { TEST_TOKEN_SECRET, startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const ready =
  (await requireService("PostgreSQL", postgresAvailable)) &&
  (await requireService("redis-server", redisServerInstalled));

const COMMENTS = 45;

/** Waits for an asynchronous condition (a query), naming it when it never holds. */
async function until(description: string, condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${description}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const READERS = 6;

describe.skipIf(!ready)("outbox across three instances on PostgreSQL", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let receiver: Server;
  const webhookIds: string[] = [];
  let instances: ScaledInstance[] = [];

  beforeAll(async () => {
    [db, redis, smtp] = await Promise.all([
      createTestDatabase(),
      startRedisServer(),
      startSmtpSink(),
    ]);
    receiver = createServer((req, res) => {
      webhookIds.push(String(req.headers["webhook-id"]));
      req.resume();
      req.on("end", () => res.writeHead(200).end());
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const port = (receiver.address() as AddressInfo).port;
    const keyPrefix = `parley-test-${randomBytes(4).toString("hex")}`;
    const env = {
      SMTP_URL: smtp.url,
      PUBLIC_URL: "https://c.example",
      EMAIL_DELAY_SECONDS: "0",
      OUTBOX_POLL_MS: "20",
      WEBHOOK_URLS: `http://127.0.0.1:${port}/in`,
      WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
    };
    // One after the other: the first migrates, the others find the schema in place.
    for (let i = 0; i < 3; i++) {
      instances.push(
        await startScaledInstance({ databaseUrl: db.url, redisUrl: redis.url, keyPrefix, env }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    instances = [];
    await new Promise((r) => receiver.close(r));
    await smtp.close();
    await redis?.stop();
    await db?.drop();
  });

  it("sends every email and webhook exactly once", async () => {
    // Readers with confirmed addresses, each made on a different instance.
    const readers: { token: string; email: string }[] = [];
    for (let i = 0; i < READERS; i++) {
      const at = instances[i % 3]!.url;
      const email = `reader${i}@mail.example`;
      const res = await api(at, "POST", "/api/sessions", { body: { name: `Reader ${i}`, email } });
      readers.push({ ...(res.json as { token: string }), email });
    }
    await waitFor("every confirm link", () => smtp.received.length === READERS);
    for (const mail of smtp.received) {
      const token = /confirm\?token=([\w.-]+)/.exec(mail.parsed.text ?? "")![1]!;
      const res = await fetch(`${instances[1]!.url}/email/confirm?token=${token}`, {
        method: "POST",
      });
      expect(res.status).toBe(200);
    }
    // Each reader posts a root; the others' replies are spread over the three instances.
    const roots: string[] = [];
    for (const [i, r] of readers.entries()) {
      const res = await api(instances[i % 3]!.url, "POST", "/api/articles/once/comments", {
        token: r.token,
        body: { body: `Root ${i}` },
      });
      roots.push(res.json.comment.id as string);
    }
    const replier = await guest(instances[0]!.url, "Replier");
    const posts = Array.from({ length: COMMENTS - READERS }, (_, n) =>
      api(instances[n % 3]!.url, "POST", "/api/articles/once/comments", {
        token: replier.token,
        body: { body: `Reply ${n}`, parentId: roots[n % READERS] },
      }),
    );
    for (const res of await Promise.all(posts)) expect(res.status).toBe(201);

    await waitFor("a webhook per comment", () => new Set(webhookIds).size === COMMENTS, 20_000);
    // Every reader gets at least one reply email (a digest, or a few: the polls decide).
    await waitFor(
      "reply emails to every reader",
      () => readers.every((r) => smtp.received.filter((m) => m.to.includes(r.email)).length >= 2),
      20_000,
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await until("an empty outbox", async () => {
        const { rows } = await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL",
        );
        return rows[0]!.n === "0";
      });
      const { rows } = await client.query<{ kind: string; n: string; attempts: string }>(
        "SELECT kind, count(*) AS n, max(attempts) AS attempts FROM outbox GROUP BY kind ORDER BY kind",
      );
      const emailRows = Number(rows.find((r) => r.kind === "email")!.n);
      // Exactly once: as many deliveries as rows, no id twice, no row tried twice.
      expect(webhookIds.length).toBe(COMMENTS);
      expect(new Set(webhookIds).size).toBe(COMMENTS);
      expect(smtp.received.length).toBe(emailRows);
      const messageIds = smtp.received.map((m) => m.parsed.messageId);
      expect(new Set(messageIds).size).toBe(messageIds.length);
      expect(rows.map((r) => Number(r.attempts))).toEqual([1, 1]);
      // All three instances took part in sending.
      const sentBy = await Promise.all(
        instances.map(async (i) => {
          const text = await (await fetch(`${i.url}/metrics`)).text();
          return [...text.matchAll(/parley_outbox_sent_total\{kind="\w+"\} (\d+)/g)].reduce(
            (sum, m) => sum + Number(m[1]),
            0,
          );
        }),
      );
      expect(
        sentBy.reduce((a, b) => a + b, 0),
        `sent per instance ${sentBy.join("/")}`,
      ).toBe(COMMENTS + emailRows);
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!ready)("outbox: a sender killed mid-send", () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let rescuer: TestServer | null = null;

  beforeAll(async () => {
    [db, smtp] = await Promise.all([createTestDatabase(), startSmtpSink()]);
  });
  afterAll(async () => {
    await rescuer?.stop();
    await smtp.close();
    await db.drop();
  });

  it("is sent by another instance once the lease runs out", async () => {
    const env = {
      DATABASE_URL: db.url,
      TOKEN_SECRET: TEST_TOKEN_SECRET,
      SMTP_URL: smtp.url,
      PUBLIC_URL: "https://c.example",
      OUTBOX_POLL_MS: "20",
      OUTBOX_LEASE_SECONDS: "3",
    };
    const child = await startChildServer(env);
    smtp.stallNext();
    const res = await api(child.url, "POST", "/api/sessions", {
      body: { name: "Zoe", email: "zoe@mail.example" },
    });
    expect(res.status).toBe(201);
    await waitFor("the child in the middle of DATA", () => smtp.dataStarted === 1);
    child.child.kill("SIGKILL");
    expect(await child.exited).toMatchObject({ signal: "SIGKILL" });
    expect(smtp.received).toHaveLength(0);

    rescuer = await startTestServer({
      databaseUrl: db.url,
      env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://c.example", OUTBOX_POLL_MS: "20" },
    });
    await waitFor(
      "the message, sent by the other instance",
      () => smtp.received.length === 1,
      20_000,
    );
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["zoe@mail.example"]);
    expect(mail.parsed.subject).toBe("Confirm your email address for reply notifications");
    expect(smtp.dataStarted).toBe(2);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const read = () =>
        client.query<{ attempts: number; sent_at: string | null }>(
          "SELECT attempts, sent_at FROM outbox",
        );
      await until("the send recorded", async () => (await read()).rows[0]?.sent_at != null);
      const { rows } = await read();
      // One claim by the killed child, one by the instance that sent it.
      expect(rows).toHaveLength(1);
      expect(rows[0]!.attempts).toBe(2);
    } finally {
      await client.end();
    }
  });
});

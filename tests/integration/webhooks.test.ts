/**
 * Webhooks against a real HTTP receiver that verifies every signature with the `standardwebhooks`
 * package (interoperability, not our own code checking itself). A receiver URL that redirects is
 * never followed, fails, is retried with backoff and dead-lettered, and /metrics shows it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";

const secret = `whsec_${randomBytes(24).toString("base64")}`;
interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const deliveries: Delivery[] = [];
let failNext = 0;
let receiver: Server;
let hook: string;
let server: TestServer;
// Real time plus an offset the test moves: signatures carry real-enough timestamps for the
// receiver's 5-minute tolerance, and backoffs pass without waiting.
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url?.startsWith("/redirect")) {
        res.writeHead(302, { location: "/hook?via=redirect" }).end();
        return;
      }
      deliveries.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startTestServer({
    clock,
    env: {
      WEBHOOK_URLS: `${hook}/hook,${hook}/redirect`,
      WEBHOOK_SECRET: secret,
      SSO_SECRET: SSO_TEST_SECRET,
      OUTBOX_POLL_MS: "3600000",
      OUTBOX_MAX_ATTEMPTS: "2",
    },
  });
});
afterAll(async () => {
  await server.stop();
  await new Promise((r) => receiver.close(r));
});

const poll = () => server.parley.outbox!.poll();
const verifier = new Webhook(secret);
/** Every delivery to /hook, verified: the payloads in arrival order. */
function verified(): {
  id: string;
  type: string;
  data: { comment: { id: string; status: string } } & Record<string, unknown>;
}[] {
  return deliveries
    .filter((d) => d.path === "/hook")
    .map((d) => {
      const headers = {
        "webhook-id": String(d.headers["webhook-id"]),
        "webhook-timestamp": String(d.headers["webhook-timestamp"]),
        "webhook-signature": String(d.headers["webhook-signature"]),
      };
      const payload = verifier.verify(d.body, headers) as { type: string; data: never };
      return { id: headers["webhook-id"], ...payload };
    });
}

describe("webhooks", () => {
  it("signs comment.created, comment.updated, comment.removed and moderation.decided", async () => {
    const ann = await guest(server.url, "Ann");
    const posted = await api(server.url, "POST", "/api/articles/hooks/comments", {
      token: ann.token,
      body: { body: "First!" },
    });
    const id = posted.json.comment.id as string;
    await api(server.url, "PATCH", `/api/comments/${id}`, {
      token: ann.token,
      body: { body: "First, edited" },
    });
    const other = await api(server.url, "POST", "/api/articles/hooks/comments", {
      token: ann.token,
      body: { body: "Second" },
    });
    await api(server.url, "DELETE", `/api/comments/${id}`, { token: ann.token });
    const mod = await moderatorToken("mod-hooks", clock.now());
    const decided = await api(
      server.url,
      "POST",
      `/api/moderation/comments/${other.json.comment.id}/decisions`,
      {
        token: mod,
        body: { action: "remove", reason: "off topic" },
      },
    );
    expect(decided.status).toBe(200);
    await poll();
    const got = verified();
    expect(got.map((g) => [g.type, g.data.comment.id])).toEqual([
      ["comment.created", id],
      ["comment.updated", id],
      ["comment.created", other.json.comment.id],
      ["comment.removed", id],
      ["comment.removed", other.json.comment.id],
      ["moderation.decided", other.json.comment.id],
    ]);
    expect(got[5]!.data).toMatchObject({
      action: "remove",
      reason: "off topic",
      moderatorId: expect.any(String),
    });
    // Parley's own id for the host's moderator: the host's sub is never published.
    expect(JSON.stringify(got[5]!.data)).not.toContain("mod-hooks");
    expect(got[1]!.data.comment).toMatchObject({ body: "First, edited" });
    expect(new Set(got.map((g) => g.id)).size).toBe(got.length);
    for (const d of deliveries)
      expect(d.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it("retries a failed delivery with the same webhook-id, and never follows a redirect", async () => {
    const before = deliveries.length;
    failNext = 1;
    const bea = await guest(server.url, "Bea");
    await api(server.url, "POST", "/api/articles/hooks/comments", {
      token: bea.token,
      body: { body: "Retry me" },
    });
    await poll();
    expect(deliveries.length).toBe(before + 1);
    clock.offsetMs += 11_000; // past the first backoff (10 s)
    await poll();
    const [first, second] = deliveries.slice(before);
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(deliveries.some((d) => d.path.includes("via=redirect"))).toBe(false);
    // The /redirect URL's messages failed twice (OUTBOX_MAX_ATTEMPTS=2): dead-lettered, counted.
    clock.offsetMs += 60_000;
    await poll();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const dead = Number(/parley_outbox_dead\{kind="webhook"\} (\d+)/.exec(metrics)?.[1]);
    expect(dead).toBe(7);
    expect(metrics).toMatch(/parley_outbox_pending\{kind="webhook"\} 0/);
    expect(metrics).toMatch(/parley_outbox_failures_total\{kind="webhook"\} \d+/);
  });

  it("sends nothing for a post that was refused", async () => {
    const before = deliveries.length;
    const cat = await guest(server.url, "Cat");
    const res = await api(server.url, "POST", "/api/articles/hooks/comments", {
      token: cat.token,
      body: { body: "" },
    });
    expect(res.status).toBe(400);
    await poll();
    expect(deliveries.length).toBe(before);
  });
});

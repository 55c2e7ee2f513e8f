/**
 * Without SMTP_URL: in development the messages are captured (log + /dev/mail, escaped), so
 * `npm start` shows the feature; in production nothing is sent and the page does not exist.
 */
import { afterAll, describe, expect, it } from "vitest";
import { api, waitFor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

describe("email without a relay", () => {
  it("development: the confirm mail is logged and shown at /dev/mail, escaped", async () => {
    const logs: string[] = [];
    const server = await startTestServer({
      env: { NODE_ENV: "development", OUTBOX_POLL_MS: "20" },
      logSink: (line) => logs.push(line),
    });
    servers.push(server);
    const res = await api(server.url, "POST", "/api/sessions", {
      body: { name: "<script>alert(1)</script>", email: "dev@reader.example" },
    });
    expect(res.status).toBe(201);
    await waitFor("the captured message in the log", () =>
      logs.some((l) => l.includes("email captured")),
    );
    const page = await fetch(`${server.url}/dev/mail`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Confirm your email address for reply notifications");
    expect(html).toContain("To dev@reader.example");
    expect(html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain(`http://localhost:${server.port}/email/confirm?token=`);
  });

  it("production: no page, nothing captured", async () => {
    const server = await startTestServer({ env: { NODE_ENV: "production" } });
    servers.push(server);
    expect((await fetch(`${server.url}/dev/mail`)).status).toBe(404);
    const res = await api(server.url, "POST", "/api/sessions", {
      body: { name: "Prod", email: "prod@reader.example" },
    });
    expect(res.status).toBe(201);
    await server.parley.outbox!.poll();
    expect(await server.store.outboxStats()).toMatchObject({ pending: { email: 0 } });
  });
});

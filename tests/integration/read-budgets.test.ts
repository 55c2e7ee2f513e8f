/**
 * Catch-up reads are charged to budgets: changes and replies pages per client IP (429 with
 * Retry-After), joins with `after` per socket and per IP (ack `rate_limited`). A join without
 * `after` is free, and other addresses and sockets go on unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("read budgets", () => {
  let server: TestServer;
  const articleId = "budget-article";
  beforeAll(async () => {
    server = await startTestServer({
      env: { TRUST_PROXY: "true", READ_BUDGET_PER_IP: "6", READ_BUDGET_PER_SOCKET: "3" },
    });
    const { token } = await guest(server.url);
    await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token,
      body: { body: "First" },
    });
  });
  afterAll(() => server.stop());

  it("refuses changes pages past the per-IP budget with 429 and Retry-After", async () => {
    const from = (ip: string) =>
      api(server.url, "GET", `/api/articles/${articleId}/changes?after=0`, {
        headers: { "x-forwarded-for": ip },
      });
    for (let i = 0; i < 6; i++) expect((await from("198.51.100.1")).status).toBe(200);
    const refused = await from("198.51.100.1");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Replies pages draw on the same budget.
    const replies = await api(server.url, "GET", `/api/comments/x/replies`, {
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    expect(replies.status).toBe(429);
    // Another address is not affected, nor is a first page.
    expect((await from("198.51.100.2")).status).toBe(200);
    const page = await api(server.url, "GET", `/api/articles/${articleId}/comments`, {
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    expect(page.status).toBe(200);
  });

  it("refuses joins with `after` past the per-socket budget; joins without it stay free", async () => {
    const socket = await connect(server.url);
    const fresh = await connect(server.url);
    try {
      for (let i = 0; i < 3; i++) {
        expect((await request(socket, "article:join", { articleId, after: 0 })).ok).toBe(true);
      }
      const refused = await request(socket, "article:join", { articleId, after: 0 });
      expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited" } });
      expect((await request(socket, "article:join", { articleId })).ok).toBe(true);
      expect(socket.connected).toBe(true);
      // Another socket has its own budget (the IP budget of 127.0.0.1 is not spent yet).
      expect((await request(fresh, "article:join", { articleId, after: 0 })).ok).toBe(true);
    } finally {
      socket.close();
      fresh.close();
    }
  });
});

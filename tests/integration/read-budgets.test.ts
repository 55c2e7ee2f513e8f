/**
 * Reads that reach the store are charged to budgets: threads pages the first-page cache did not
 * answer, changes and replies pages per client IP (429 with Retry-After), joins with `after` per
 * socket and per IP (ack `rate_limited`). A cached first page and a join without `after` are
 * free, and other addresses and sockets go on unaffected.
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

  const firstPage = (ip: string, query = "") =>
    api(server.url, "GET", `/api/articles/${articleId}/comments${query}`, {
      headers: { "x-forwarded-for": ip },
    });

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
    // Another address is not affected, nor is a first page served from the cache.
    expect((await from("198.51.100.2")).status).toBe(200);
    expect((await firstPage("198.51.100.3")).status).toBe(200);
    expect((await firstPage("198.51.100.1")).status).toBe(200);
  });

  it("charges a threads page that reaches the store; a cached first page stays free", async () => {
    const ip = "198.51.100.4";
    // Six uncached first pages (each sort x limit is its own page) spend the budget of 6...
    for (let limit = 1; limit <= 6; limit++) {
      expect((await firstPage(ip, `?sort=oldest&limit=${limit}`)).status).toBe(200);
    }
    const refused = await firstPage(ip, "?sort=oldest&limit=7");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // ...a signed-in reader's page (never cached) is a store read too...
    const { token } = await guest(server.url);
    const signedIn = await api(server.url, "GET", `/api/articles/${articleId}/comments`, {
      token,
      headers: { "x-forwarded-for": ip },
    });
    expect(signedIn.status).toBe(429);
    // ...and a page another reader just loaded comes from the cache, free.
    expect((await firstPage("198.51.100.5", "?sort=newest&limit=9")).status).toBe(200);
    expect((await firstPage(ip, "?sort=newest&limit=9")).status).toBe(200);
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

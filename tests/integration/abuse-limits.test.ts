/**
 * Abuse limits on a real server: sockets per client address, events per connection per second,
 * payload sizes, origins (Socket.IO allowRequest and HTTP CORS) and security headers. Each limit
 * is reached and answered with its code while other clients go on unaffected. (Comments per user
 * and per address, and sessions per address, are in errors.test.ts.)
 */
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type ClientSocket, connect, guest, request, waitFor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { nextEvent } from "../helpers/trust.js";

/** A socket that claims a client address (X-Forwarded-For, trusted here) and an Origin. */
function open(
  base: string,
  headers: Record<string, string>,
  transports: ("websocket" | "polling")[] = ["websocket"],
): Promise<ClientSocket> {
  const socket: ClientSocket = io(base, {
    transports,
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe("abuse limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        TRUST_PROXY: "true",
        MAX_SOCKETS_PER_IP: "3",
        SOCKET_EVENTS_PER_SECOND: "5",
        ALLOWED_ORIGINS: "https://news.example",
      },
    });
  });
  afterAll(() => server.stop());

  it("caps concurrent sockets per client address; other addresses are unaffected", async () => {
    const a = { "x-forwarded-for": "203.0.113.1" };
    const sockets = [
      await open(server.url, a),
      await open(server.url, a),
      await open(server.url, a),
    ];
    await expect(open(server.url, a)).rejects.toThrow();
    await expect(open(server.url, a, ["polling"])).rejects.toThrow();
    const b = await open(server.url, { "x-forwarded-for": "203.0.113.2" });
    expect(b.connected).toBe(true);
    // Once one of A's sockets is closed, A may connect again.
    sockets.pop()!.close();
    let again: ClientSocket | null = null;
    for (let attempt = 0; attempt < 100 && !again; attempt++) {
      again = await open(server.url, a).catch(() => null);
      if (!again) await new Promise((r) => setTimeout(r, 20));
    }
    expect(again?.connected).toBe(true);
    for (const s of [...sockets, b, again!]) s.close();
  });

  it("holds the cap when many handshakes from one address arrive at once", async () => {
    const c = { "x-forwarded-for": "203.0.113.9" };
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () => open(server.url, c)),
    );
    const fromC = () =>
      [...server.parley.io.of("/").sockets.values()].filter((s) => s.data.ip === "203.0.113.9");
    await waitFor("at most 3 sockets from one address", () => fromC().length <= 3);
    expect(fromC().length).toBeGreaterThan(0);
    for (const a of attempts) if (a.status === "fulfilled") a.value.close();
  });

  it("tells a flooding socket, then disconnects it; a quiet one goes on", async () => {
    const g = await guest(server.url, "Flooder");
    const quiet = await connect(server.url, (await guest(server.url, "Quiet")).token);
    const flooder = await connect(server.url, g.token);
    const warned = nextEvent(flooder, "limit:reached");
    const gone = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    const answers: unknown[] = [];
    const raw = flooder as unknown as {
      emit(e: string, p: unknown, ack: (a: unknown) => void): void;
    };
    for (let i = 0; i < 30; i++)
      raw.emit("article:join", { articleId: `f-${i}` }, (a) => answers.push(a));
    expect(await warned).toMatchObject({ code: "rate_limited" });
    expect(await gone).toBe("io server disconnect");
    expect(answers).toContainEqual({
      ok: false,
      error: { code: "rate_limited", message: expect.any(String) },
    });
    const ack = await request(quiet, "comment:post", { articleId: "calm", body: "still fine" });
    expect(ack.ok).toBe(true);
    quiet.close();
  });

  it("drops a socket that sends more than 64 KiB in one message; the server goes on", async () => {
    const g = await guest(server.url);
    const big = await connect(server.url, g.token);
    const gone = new Promise<string>((resolve) => big.once("disconnect", resolve));
    big.emit("comment:post", { articleId: "big", body: "x".repeat(70_000) }, () => {});
    expect(await gone).toMatch(/transport (close|error)/);
    const page = await api(server.url, "GET", "/api/articles/big/comments");
    expect(page.json.threads).toEqual([]);
    const http = await api(server.url, "POST", "/api/articles/big/comments", {
      token: g.token,
      rawBody: JSON.stringify({ body: "y".repeat(70_000) }),
    });
    expect(http.status).toBe(413);
    expect((await api(server.url, "GET", "/healthz")).status).toBe(200);
  });

  it("refuses a socket from an origin not allowed, on both transports", async () => {
    const evil = { origin: "https://evil.example", "x-forwarded-for": "198.51.100.7" };
    await expect(open(server.url, evil)).rejects.toThrow();
    await expect(open(server.url, evil, ["polling"])).rejects.toThrow();
    const good = await open(server.url, { origin: "https://news.example" });
    const own = await open(server.url, { origin: server.url });
    expect(good.connected && own.connected).toBe(true);
    good.close();
    own.close();
  });

  it("answers CORS only for allowed origins", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/articles/a/comments`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
    const allowed = await preflight("https://news.example");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://news.example");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers on pages, the embed and the API", async () => {
    for (const path of ["/", "/moderate", "/embed.js", "/api/articles/a/comments", "/healthz"]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      const h = res.headers;
      expect(h.get("content-security-policy"), path).toContain("default-src 'self'");
      expect(h.get("content-security-policy"), path).toContain("object-src 'none'");
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(h.get("referrer-policy"), path).toBe("no-referrer");
      expect(h.get("strict-transport-security"), path).toMatch(/max-age=\d+/);
      await res.arrayBuffer();
    }
  });
});

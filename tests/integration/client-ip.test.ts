/**
 * The client address per-IP limits count, through a real server: X-Forwarded-For counts only
 * when the peer is a trusted proxy (TRUST_PROXY: hops or addresses), read from the right so a
 * client's own entries change nothing; IPv6 clients are counted per /64.
 * One guest session per address (RATE_LIMIT_SESSIONS_PER_IP=1) shows who the server saw.
 */
import { afterAll, describe, expect, it } from "vitest";
import { api } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

/** A server allowing one session per client address, with this TRUST_PROXY. */
async function serverTrusting(trustProxy: string): Promise<TestServer> {
  const env: Record<string, string> = { RATE_LIMIT_SESSIONS_PER_IP: "1" };
  if (trustProxy !== "") env.TRUST_PROXY = trustProxy;
  const s = await startTestServer({ env });
  servers.push(s);
  return s;
}

/** The status of a guest session asked for with this X-Forwarded-For (none when undefined). */
async function session(s: TestServer, forwardedFor?: string): Promise<number> {
  const headers = forwardedFor === undefined ? undefined : { "x-forwarded-for": forwardedFor };
  const res = await api(s.url, "POST", "/api/sessions", {
    body: { name: "Someone" },
    ...(headers ? { headers } : {}),
  });
  return res.status;
}

describe("client IP", () => {
  it("ignores X-Forwarded-For by default: every claim is the same loopback peer", async () => {
    const s = await serverTrusting("");
    expect(await session(s, "198.51.100.1")).toBe(201);
    expect(await session(s, "198.51.100.2")).toBe(429);
  });

  it("with a hop count, a spoofed leftmost entry does not make a new client", async () => {
    const s = await serverTrusting("1");
    expect(await session(s, "6.6.6.6, 198.51.100.1")).toBe(201);
    expect(await session(s, "7.7.7.7, 198.51.100.1")).toBe(429);
    expect(await session(s, "198.51.100.2")).toBe(201);
  });

  it("TRUST_PROXY=true keeps working, as one hop", async () => {
    const s = await serverTrusting("true");
    expect(await session(s, "6.6.6.6, 198.51.100.1")).toBe(201);
    expect(await session(s, "8.8.8.8, 198.51.100.1")).toBe(429);
  });

  it("with proxy addresses, believes the header only from those peers", async () => {
    const other = await serverTrusting("10.0.0.0/8");
    expect(await session(other, "198.51.100.1")).toBe(201);
    // The loopback peer is not 10.x: its header is the client's own claim and counts for nothing.
    expect(await session(other, "198.51.100.2")).toBe(429);
    const loopback = await serverTrusting("loopback");
    expect(await session(loopback, "198.51.100.1")).toBe(201);
    expect(await session(loopback, "198.51.100.2")).toBe(201);
    expect(await session(loopback, "9.9.9.9, 198.51.100.2")).toBe(429);
  });

  it("counts two IPv6 addresses of one /64 as one client, another /64 apart", async () => {
    const s = await serverTrusting("loopback");
    expect(await session(s, "2001:db8:1:2::1")).toBe(201);
    expect(await session(s, "2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe(429);
    expect(await session(s, "2001:db8:1:3::1")).toBe(201);
  });
});

/** /metrics counts what operators watch: sockets, joins, posts, deliveries, post-to-commit time. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("/metrics", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.split(" ").at(-1)) : Number.NaN;
  }

  it("moves with sockets, joins, posts and deliveries", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(await metric("parley_connected_sockets")).toBe(0);

    const readers = await Promise.all([connect(server.url), connect(server.url)]);
    for (const r of readers) await request(r, "article:join", { articleId: "m-1" });
    expect(await metric("parley_connected_sockets")).toBe(2);
    expect(await metric("parley_rooms_joined_total")).toBe(2);

    const g = await guest(server.url);
    await api(server.url, "POST", "/api/articles/m-1/comments", {
      token: g.token,
      body: { body: "counted" },
    });
    expect(await metric('parley_comments_posted_total{status="published"}')).toBe(1);
    expect(await metric("parley_post_commit_seconds_count")).toBe(1);
    expect(await metric('parley_deliveries_total{event="comment:created"}')).toBe(2);

    for (const r of readers) r.close();
    await expect.poll(() => metric("parley_connected_sockets")).toBe(0);
  });
});

describe("/metrics is not public", () => {
  const token = "scrape-token-0123456789";
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));
  const start = async (env: Record<string, string>) => {
    const s = await startTestServer({ env });
    servers.push(s);
    return s;
  };

  it("with METRICS_TOKEN: 401 without the bearer token or with a wrong one, 200 with it", async () => {
    const s = await start({ METRICS_TOKEN: token });
    const none = await fetch(`${s.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    for (const header of [`Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, "Bearer "]) {
      const wrong = await fetch(`${s.url}/metrics`, { headers: { authorization: header } });
      expect(wrong.status, header).toBe(401);
    }
    const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("parley_connected_sockets");
  });

  it("in production without a token: 404 on the public port", async () => {
    const s = await start({ NODE_ENV: "production" });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it("with METRICS_PORT: served on that listener only, still behind the token when set", async () => {
    const s = await start({ NODE_ENV: "production", METRICS_PORT: "0", METRICS_TOKEN: token });
    const address = s.parley.metricsServer?.address();
    if (!address || typeof address === "string") throw new Error("no metrics listener");
    const metricsUrl = `http://127.0.0.1:${address.port}`;
    expect(address.port).not.toBe(s.port);
    expect((await fetch(`${s.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(401);
    const ok = await fetch(`${metricsUrl}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    // Nothing else is served there.
    expect((await fetch(`${metricsUrl}/api/openapi.json`)).status).toBe(404);
  });
});

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

/** An acknowledged comment is committed: it survives the server being SIGKILLed the next instant. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Comment } from "../../shared/schemas.js";
import { api, connect, guest, request } from "../helpers/clients.js";
import { type ChildServer, startChildServer } from "../helpers/child-server.js";

describe("durability", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-durability-"));
  const env = {
    DATABASE_URL: `sqlite:${join(dir, "parley.db")}`,
    TOKEN_SECRET: "durability-secret-durability-secret-0001",
    RATE_LIMIT_COMMENTS: "0",
    RATE_LIMIT_COMMENTS_PER_IP: "0",
  };
  const children: ChildServer[] = [];
  afterAll(() => {
    for (const c of children) c.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every acknowledged comment across a SIGKILL right after the ack", async () => {
    const first = await startChildServer(env);
    children.push(first);
    const poster = await guest(first.url, "Durable");
    const socket = await connect(first.url, poster.token);
    const acked: Comment[] = [];
    // Twenty posts in flight; the server dies the instant the tenth ack arrives.
    const posts = Array.from({ length: 20 }, (_, i) =>
      request(socket, "comment:post", {
        articleId: "durable",
        body: `post ${i}`,
        clientKey: `durable-key-${i}`,
      }).then(
        (ack) => {
          if (ack.ok) acked.push(ack.comment as Comment);
          if (acked.length === 10) first.child.kill("SIGKILL");
        },
        () => {},
      ),
    );
    await Promise.all(posts);
    socket.close();
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(acked.length).toBeGreaterThanOrEqual(10);

    const second = await startChildServer(env);
    children.push(second);
    const changes = await api(second.url, "GET", "/api/articles/durable/changes?after=0");
    const stored = new Set((changes.json.changes as Comment[]).map((c) => c.id));
    for (const comment of acked) expect(stored.has(comment.id)).toBe(true);
    // The same guest token still works after the restart, and a retry does not duplicate.
    const retry = await api(second.url, "POST", "/api/articles/durable/comments", {
      token: poster.token,
      body: { body: "post 0", clientKey: "durable-key-0" },
    });
    expect(retry.status).toBe(200);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });
});

/** Logs and graceful shutdown of the real process. */
import { describe, expect, it } from "vitest";
import { api, connect, guest, request, waitFor } from "../helpers/clients.js";
import { startChildServer } from "../helpers/child-server.js";

describe("process lifecycle", () => {
  it("logs one line per request and socket, redacts tokens, and stops cleanly on SIGTERM", async () => {
    const server = await startChildServer({
      DATABASE_URL: "sqlite::memory:",
      TOKEN_SECRET: "lifecycle-secret-lifecycle-secret-01",
    });
    const g = await guest(server.url, "Logger");
    const socket = await connect(server.url, g.token);
    await request(socket, "article:join", { articleId: "life" });
    const res = await api(server.url, "GET", "/api/notifications", {
      token: g.token,
      headers: { "x-request-id": "req-12345" },
    });
    expect(res.headers.get("x-request-id")).toBe("req-12345");
    let disconnected = "";
    socket.on("disconnect", (reason) => (disconnected = reason));

    server.child.kill("SIGTERM");
    const { code } = await server.exited;
    expect(code).toBe(0);
    await waitFor("the socket is disconnected by the server", () => disconnected !== "");
    socket.close();

    const entries = server.lines
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const request1 = entries.find((e) => e.requestId === "req-12345");
    expect(request1).toMatchObject({
      msg: "request",
      method: "GET",
      path: "/api/notifications",
      status: 200,
      userId: g.user.id,
    });
    const connects = entries.filter((e) => e.msg === "socket connected");
    expect(connects).toHaveLength(1);
    expect(connects[0]).toMatchObject({ socketId: expect.any(String), userId: g.user.id });
    expect(
      entries.filter(
        (e) => e.msg === "socket disconnected" && e.socketId === connects[0]!.socketId,
      ),
    ).toHaveLength(1);
    expect(entries.some((e) => e.msg === "stopped")).toBe(true);
    expect(server.lines.join("\n")).not.toContain(g.token);
  });
});

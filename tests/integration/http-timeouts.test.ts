/**
 * HTTP server timeouts: a slow-loris client (headers one byte at a time) and a client dribbling
 * its body are cut off by HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS, set small here,
 * while a Socket.IO reader on long-polling and one on WebSocket stay connected and live.
 */
import { connect as tcpConnect, type Socket } from "node:net";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  collect,
  connect,
  guest,
  request,
  waitFor,
  type ClientSocket,
} from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

/** Opens a raw connection that sends `head`, then one byte of `drip` every 20 ms until closed. */
function dribble(port: number, head: string, drip: string) {
  const state = { closed: false, answer: "" };
  let i = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  // The drip starts only once `head` is written: a byte queued before it (a slow connect under
  // load) made a malformed request line, answered 400 instead of the 408 under test.
  const socket: Socket = tcpConnect(port, "127.0.0.1", () => {
    socket.write(head);
    timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip[i++ % drip.length]!);
    }, 20);
  });
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (state.answer += chunk));
  socket.on("error", () => undefined);
  socket.on("close", () => {
    state.closed = true;
    clearInterval(timer);
  });
  return { state, stop: () => socket.destroy() };
}

describe("HTTP timeouts", () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: "300",
        HTTP_REQUEST_TIMEOUT_MS: "300",
        HTTP_KEEP_ALIVE_TIMEOUT_MS: "200",
      },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  it("cuts off slow-loris and slow-body clients; long-polling and WebSocket readers stay live", async () => {
    const polling: ClientSocket = io(server.url, {
      transports: ["polling"],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(polling);
    await new Promise<void>((resolve, reject) => {
      polling.once("connect", resolve);
      polling.once("connect_error", reject);
    });
    const ws = await connect(server.url);
    sockets.push(ws);
    const drops: string[] = [];
    polling.on("disconnect", (reason) => drops.push(`polling: ${reason}`));
    ws.on("disconnect", (reason) => drops.push(`websocket: ${reason}`));
    for (const s of [polling, ws]) {
      expect(await request(s, "article:join", { articleId: "slow-1" })).toMatchObject({ ok: true });
    }

    const loris = dribble(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n", "X-Slow: abc\r\n");
    const body = dribble(
      server.port,
      "POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
      " ",
    );
    try {
      await waitFor("the slow-loris connection is cut off", () => loris.state.closed);
      await waitFor("the slow-body connection is cut off", () => body.state.closed);
    } finally {
      loris.stop();
      body.stop();
    }
    expect(loris.state.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(body.state.answer).toMatch(/^HTTP\/1\.1 408/);

    // Both readers lived through it (the long-poll was held the whole time) and are still live.
    const seenPolling = collect(polling, "comment:created");
    const seenWs = collect(ws, "comment:created");
    const g = await guest(server.url);
    const posted = await api(server.url, "POST", "/api/articles/slow-1/comments", {
      token: g.token,
      body: { body: "Still here?" },
    });
    expect(posted.status).toBe(201);
    await waitFor("both readers get the comment", () => seenPolling.length + seenWs.length === 2);
    expect(drops).toEqual([]);
    expect(polling.io.engine.transport.name).toBe("polling");
  });
});

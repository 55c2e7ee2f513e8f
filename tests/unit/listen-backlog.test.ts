/**
 * The accept backlog: a rolling restart sends an instance's readers to the others within a
 * second, and Node's default queue (511) overflowed, costing dropped SYNs seconds of TCP
 * retransmits (bench scenario (h)). Parley listens with a larger one.
 */
import { createServer } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { listenOn } from "../../server/http/http-server.js";

describe("listenOn", () => {
  it("asks the kernel for a 4,096-connection accept queue", async () => {
    const server = createServer();
    const listen = vi.spyOn(server, "listen");
    const address = await listenOn(server, 0, "127.0.0.1");
    try {
      expect(address.port).toBeGreaterThan(0);
      expect(listen).toHaveBeenCalledWith(
        expect.objectContaining({ port: 0, host: "127.0.0.1", backlog: 4096 }),
        expect.any(Function),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

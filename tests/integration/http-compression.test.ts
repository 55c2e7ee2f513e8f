/** Compressed JSON answers and the shared-cache headers of anonymous thread pages (CDN reads). */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, guest } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP GET: node's fetch would decode the body and hide Content-Encoding. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function decode(raw: Raw): unknown {
  const encoding = raw.headers["content-encoding"];
  const text =
    encoding === "br"
      ? brotliDecompressSync(raw.body)
      : encoding === "gzip"
        ? gunzipSync(raw.body)
        : raw.body;
  return JSON.parse(text.toString("utf8")) as unknown;
}

/** The page without its clock reading, which differs between two answers. */
function content(page: unknown): unknown {
  const { serverTime: _t, ...rest } = page as Record<string, unknown>;
  return rest;
}

describe("compressed, CDN-cacheable thread pages", () => {
  let server: TestServer;
  let token: string;
  const path = "/api/articles/cdn-page/comments";
  beforeAll(async () => {
    server = await startTestServer();
    token = (await guest(server.url)).token;
    for (let i = 0; i < 6; i++) {
      const posted = await api(server.url, "POST", path, {
        token,
        body: { body: `comment ${i}: ${"a long enough sentence to fill the page. ".repeat(8)}` },
      });
      expect(posted.status).toBe(201);
    }
  });
  afterAll(() => server.stop());

  it("answers br, gzip or identity as asked, all decoding to the same page", async () => {
    const plain = await get(`${server.url}${path}`);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const br = await get(`${server.url}${path}`, { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(content(decode(br))).toEqual(content(decode(plain)));

    const gzip = await get(`${server.url}${path}`, { "Accept-Encoding": "gzip, br;q=0" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(content(decode(gzip))).toEqual(content(decode(plain)));

    const refused = await get(`${server.url}${path}`, { "Accept-Encoding": "identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();

    // The same rule for a page past the cursor, which the route does not cache.
    const first = decode(plain) as { nextCursor: string | null };
    const small = await get(`${server.url}${path}?limit=5`, { "Accept-Encoding": "br" });
    const next = (decode(small) as { nextCursor: string }).nextCursor;
    expect(first.nextCursor).toBeNull();
    const page2 = await get(`${server.url}${path}?limit=5&cursor=${next}`, {
      "Accept-Encoding": "gzip",
    });
    expect(page2.status).toBe(200);
    expect((decode(page2) as { threads: unknown[] }).threads).toHaveLength(1);

    // Other JSON answers past the threshold too, through the API-wide middleware.
    const changes = await get(`${server.url}/api/articles/cdn-page/changes?after=0`, {
      "Accept-Encoding": "gzip;q=0.5, br;q=0.8",
    });
    expect(changes.headers["content-encoding"]).toBe("br");
    expect((decode(changes) as { changes: unknown[] }).changes).toHaveLength(6);
  });

  it("gives anonymous pages an ETag that answers 304, and a new one after a comment", async () => {
    const page = await get(`${server.url}${path}`, { "Accept-Encoding": "br" });
    const etag = page.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(page.headers["cache-control"]).toBe("public, no-cache");
    expect(page.headers["cdn-cache-control"]).toMatch(
      /^public, max-age=\d+, stale-while-revalidate=\d+$/,
    );
    const other = await get(`${server.url}${path}?sort=oldest`);
    expect(other.headers.etag).not.toBe(etag);

    const again = await get(`${server.url}${path}`, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);

    await api(server.url, "POST", path, { token, body: { body: "one more" } });
    const changed = await get(`${server.url}${path}`, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((decode(changed) as { threads: unknown[] }).threads).toHaveLength(7);
  });

  it("never lets a shared cache keep a signed-in reader's page", async () => {
    const page = await get(`${server.url}${path}`, {
      Authorization: `Bearer ${token}`,
      "Accept-Encoding": "br",
    });
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("private, no-store");
    expect(page.headers.etag).toBeUndefined();
    expect(page.headers["cdn-cache-control"]).toBeUndefined();
    expect(page.headers["content-encoding"]).toBe("br");
  });

  it("leaves small error answers uncompressed", async () => {
    const bad = await get(`${server.url}${path}?limit=-1`, { "Accept-Encoding": "br, gzip" });
    expect(bad.status).toBe(400);
    expect(bad.headers["content-encoding"]).toBeUndefined();
    expect((decode(bad) as { error: unknown }).error).toBeDefined();
  });
});

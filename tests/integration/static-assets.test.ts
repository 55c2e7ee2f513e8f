/**
 * The embed and demo pages are served compressed from the build's precompressed copies; language
 * catalogues as JSON any origin may fetch, cached for a year under their content-hashed names.
 */
import { readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("static assets", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const get = (path: string, encoding?: string) =>
    fetch(server.url + path, encoding ? { headers: { "accept-encoding": encoding } } : {});

  it("serves embed.js with brotli or gzip when asked, and plain otherwise, same script", async () => {
    const plain = await get("/embed.js", "identity");
    const plainText = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("content-type")).toMatch(/javascript/);

    const br = await get("/embed.js", "br, gzip");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(await br.text()).toBe(plainText); // fetch decodes it

    // Read the raw gzip bytes through node:http-free means: ask for gzip only and decode by hand.
    const res = await fetch(server.url + "/embed.js", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect((await res.text()).length).toBe(plainText.length);
    // The budget the size test enforces is what goes over the wire here.
    const { readFileSync } = await import("node:fs");
    const gz = readFileSync(new URL("../../dist/client/embed.js.gz", import.meta.url));
    expect(gz.length).toBeLessThan(40_000);
    expect(gunzipSync(gz).toString()).toBe(plainText);
  });

  it("serves the demo page compressed too, with its security headers", async () => {
    const res = await get("/", "gzip");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await res.text()).toContain("data-parley-article");
  });

  it("serves each language catalogue as JSON to any origin, cached for a year", async () => {
    const files = readdirSync(new URL("../../dist/client/locales/", import.meta.url)).filter((f) =>
      f.endsWith(".json"),
    );
    expect(files.map((f) => f.split(".")[0]).sort()).toEqual([
      "ar",
      "de",
      "es",
      "fr",
      "it",
      "nl",
      "pl",
    ]);
    for (const file of files) {
      const res = await fetch(`${server.url}/locales/${file}`, {
        headers: { origin: "https://news.example", "accept-encoding": "gzip" },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const messages = (await res.json()) as Record<string, unknown>;
      expect(typeof messages["Post Comment"]).toBe("string");
    }
    // Other files keep revalidating and are not opened to every origin.
    const embed = await get("/embed.js");
    expect(embed.headers.get("cache-control")).toBe("no-cache");
    expect(embed.headers.get("access-control-allow-origin")).toBeNull();
    // An unknown catalogue is a plain 404, not a page.
    expect((await get("/locales/xx.0000000000.json")).status).toBe(404);
  });
});

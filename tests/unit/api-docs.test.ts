/**
 * The API reference page at /api/docs: its own Content-Security-Policy (only this origin's
 * scripts, no inline script), every script and stylesheet it loads served by Parley from the
 * swagger-ui-dist package (never another host), compressed and revalidated with an ETag.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { docsContentSecurityPolicy } from "../../server/http/api-docs.routes.js";
import { bareHttpApp } from "../helpers/server.js";

const app = bareHttpApp();
const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? "").split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("GET /api/docs", () => {
  it("answers the page with a CSP of its own: this origin's scripts only, nothing inline", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy");
    expect(csp).toBe(docsContentSecurityPolicy);
    const policy = directives(csp);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // The app's other headers still apply.
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<style>|\son\w+=|https?:\/\//);
  });

  it("leaves the rest of the app under the app's own CSP", async () => {
    const res = await app.request("/healthz");
    const policy = directives(res.headers.get("content-security-policy"));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("serves every script and stylesheet of the page itself, from swagger-ui-dist", async () => {
    const html = await (await app.request("/api/docs")).text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    // The favicon is an empty data: URI, so the browser asks nothing for it.
    const assets = refs.filter((ref) => ref !== "data:,");
    expect(refs.length - assets.length).toBe(1);
    expect(assets).toEqual([
      "/api/docs/swagger-ui.css",
      "/api/docs/swagger-ui-bundle.js",
      "/api/docs/start.js",
    ]);
    for (const asset of assets) {
      const res = await app.request(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get("content-type"), asset).toMatch(/^text\/(javascript|css)/);
      expect(res.headers.get("etag"), asset).toMatch(/^"[\w-]+"$/);
    }
    const bundle = await app.request("/api/docs/swagger-ui-bundle.js");
    expect(await bundle.text()).toBe(readFileSync(join(swaggerUi, "swagger-ui-bundle.js"), "utf8"));
    const start = await (await app.request("/api/docs/start.js")).text();
    expect(start).toContain('url: "/api/openapi.json"');
  });

  it("compresses the bundle and answers 304 to its ETag", async () => {
    const plain = await app.request("/api/docs/swagger-ui-bundle.js");
    const packed = await app.request("/api/docs/swagger-ui-bundle.js", {
      headers: { "Accept-Encoding": "br, gzip" },
    });
    expect(packed.headers.get("content-encoding")).toBe("br");
    expect(packed.headers.get("vary")).toMatch(/Accept-Encoding/);
    expect((await packed.arrayBuffer()).byteLength).toBeLessThan(
      (await plain.arrayBuffer()).byteLength / 3,
    );
    const etag = plain.headers.get("etag")!;
    const again = await app.request("/api/docs/swagger-ui-bundle.js", {
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
  });

  it("serves nothing else from the package", async () => {
    for (const path of [
      "/api/docs/index.html",
      "/api/docs/package.json",
      "/api/docs/..%2Fpackage.json",
      "/api/docs/swagger-ui-bundle.js.map",
      "/api/docs/%2e%2e%2f%2e%2e%2fpackage.json",
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe(
        "not_found",
      );
    }
  });
});

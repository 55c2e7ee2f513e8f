// Keeps the deployment docs true: the compose file and nginx config shown in docs/deploy.md are the
// files in docs/deploy/, every environment variable of the config schema is documented, every
// parley_* metric is listed in docs/operations.md, and the balancer keeps the rules that Socket.IO
// behind several instances depends on (upgrade headers, stickiness, timeouts, honest client IPs).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../server/config/config.schema.js";
import { createMetrics } from "../../server/metrics.js";

const read = (path: string): string =>
  readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const deployDoc = read("docs/deploy.md");
const operationsDoc = read("docs/operations.md");
const compose = read("docs/deploy/compose.yaml");
const nginx = read("docs/deploy/nginx.conf");

/** Bodies of the fenced code blocks of one language in a markdown text. */
function fenced(markdown: string, language: string): string[] {
  const pattern = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```", "gm");
  return [...markdown.matchAll(pattern)].map((m) => m[1] ?? "");
}

/** Variables named in the first cell of a table row: "| `KEY` | ...". */
function tableKeys(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1] ?? "");
}

/** Seconds in an nginx duration such as `75s` or `2m`. */
function seconds(value: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(value);
  if (!match) throw new Error(`not an nginx duration: ${value}`);
  const factor = { ms: 0.001, s: 1, m: 60 }[match[2] ?? "s"] ?? 1;
  return Number(match[1]) * factor;
}

describe("docs/deploy.md", () => {
  it("shows docs/deploy/compose.yaml and nginx.conf exactly as they are", () => {
    expect(fenced(deployDoc, "yaml")).toContain(compose);
    expect(fenced(deployDoc, "nginx")).toContain(nginx);
  });

  it("documents every environment variable of the config schema, and no other", () => {
    const schemaKeys = Object.keys(envSchema.shape).sort();
    const keys = tableKeys(deployDoc);
    expect(schemaKeys.filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !schemaKeys.includes(k))).toEqual([]);
  });
});

describe("docs/operations.md", () => {
  it("lists every parley_* metric the server registers", () => {
    const names = createMetrics()
      .registry.getMetricsAsArray()
      .map((m) => m.name)
      .filter((name) => name.startsWith("parley_"));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !operationsDoc.includes(`\`${name}\``))).toEqual([]);
  });
});

describe("docs/deploy compose stack and nginx", () => {
  const servicesBlock = /^services:\n([\s\S]*?)^\S/m.exec(compose)?.[1] ?? "";
  const services = [...servicesBlock.matchAll(/^ {2}([a-z0-9-]+):/gm)].map((m) => m[1]);

  it("runs three Parley instances, PostgreSQL, Redis 7 and nginx", () => {
    expect(services).toEqual(["parley1", "parley2", "parley3", "postgres", "redis", "nginx"]);
    expect(compose).toMatch(/image: redis:7[.\d]*(-alpine)?\n/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\//);
    expect(compose).toMatch(/REDIS_URL: redis:\/\//);
  });

  it("gives a graceful stop longer than SHUTDOWN_TIMEOUT_MS", () => {
    const grace = /stop_grace_period: (\d+)s/.exec(compose)?.[1];
    const timeoutMs = /SHUTDOWN_TIMEOUT_MS: "(\d+)"/.exec(compose)?.[1];
    expect(Number(grace) * 1000).toBeGreaterThan(Number(timeoutMs));
  });

  it("balances over exactly the compose instances, sticky by client", () => {
    const upstreams = [...nginx.matchAll(/^\s*server (parley\d):3000\b/gm)].map((m) => m[1]);
    expect(upstreams).toEqual(services.filter((s) => s?.startsWith("parley")));
    expect(nginx).toMatch(/^\s*(ip_hash|hash \$remote_addr( consistent)?);/m);
  });

  it("passes WebSocket upgrades and outlasts Socket.IO's ping (25 s + 20 s)", () => {
    const socketBlock = /location \/socket\.io\/ \{([\s\S]*?)\n {4}\}/.exec(nginx)?.[1] ?? "";
    expect(socketBlock).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(socketBlock).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/^\s*proxy_http_version 1\.1;/m);
    const readTimeout = /proxy_read_timeout (\w+);/.exec(socketBlock)?.[1] ?? "0s";
    expect(seconds(readTimeout)).toBeGreaterThan(45);
  });

  it("sets X-Forwarded-For itself instead of appending a client's value", () => {
    expect(nginx).not.toMatch(/\$proxy_add_x_forwarded_for/);
    const forwarded = [...nginx.matchAll(/proxy_set_header X-Forwarded-For (\S+);/g)];
    expect(forwarded.length).toBeGreaterThan(0);
    for (const [, value] of forwarded) expect(value).toBe("$remote_addr");
    // One proxy in front: the last X-Forwarded-For entry, the one nginx wrote, is the client.
    expect(compose).toMatch(/TRUST_PROXY: "1"/);
  });

  it("keeps /metrics off the public balancer", () => {
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;/);
  });
});

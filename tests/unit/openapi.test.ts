/**
 * The generated OpenAPI document against the app: it is built from the routes the Hono app
 * registers, so every route is documented (the static embed pages aside) and no doc entry is
 * stale; every `$ref` resolves, errors use the Error schema (429 with Retry-After), live answers
 * carry documented statuses and required fields, and GET /api/openapi.json serves it (compressed,
 * with an ETag). tests/unit/openapi-limits.test.ts proves its limits against the schemas.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, type HttpAppDeps } from "../../server/http/http-app.js";
import { metricsRoutes } from "../../server/http/metrics.routes.js";
import {
  buildOpenApiDocument,
  routeDocs,
  routeKeys,
  undocumentedRoutes,
} from "../../server/http/openapi.js";
import { captureSender } from "../../server/mail/mail-senders.js";
import { createMetrics } from "../../server/metrics.js";
import { openApiProblems } from "../helpers/api-schemas.js";
import { api, guest } from "../helpers/clients.js";
import { bareHttpApp, startTestServer, type TestServer } from "../helpers/server.js";

type Json = Record<string, unknown>;
type Doc = Json & {
  paths: Record<string, Record<string, Json & { responses: Record<string, Json> }>>;
  components: Json & { schemas: Record<string, Json> };
};
const METHODS = ["get", "put", "post", "patch", "delete"];

/** The embed and demo pages: static files, not API. */
const staticRoutes = ["GET /", "GET /other", "GET /moderate", "GET /*"];

/** An app with every optional part mounted, so every route it can have is registered. */
function fullApp() {
  // Routes are registered at construction and no handler runs here, so every service can be an
  // empty stand-in (whatever services the app grows, hence the cast).
  const services = {
    auth: {},
    comments: {},
    notifications: {},
    votes: {},
    moderation: {},
    email: {},
    account: {},
  };
  return createHttpApp({
    ...services,
    logger: pino({ level: "silent" }),
    metricsRoute: metricsRoutes(createMetrics(), null),
    mailCapture: captureSender(pino({ level: "silent" })),
    readiness: [],
    isShuttingDown: () => false,
    allowedOrigins: [],
    clientIp: () => "127.0.0.1",
    clientDir: new URL("../../dist/client", import.meta.url).pathname,
  } as unknown as HttpAppDeps);
}

const app = fullApp();
const doc = JSON.parse(JSON.stringify(buildOpenApiDocument(app.routes))) as Doc;

/** "METHOD /path/{param}" for every route the app registers (middleware and static excluded). */
function appRoutes(): string[] {
  return routeKeys(app.routes)
    .filter((r) => !staticRoutes.includes(r))
    .map((r) => r.replace(/:([A-Za-z]+)/g, "{$1}"))
    .sort();
}

function documentedRoutes(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

/** Follows a local `$ref` ("#/a/b") through the document. */
function resolve(pointer: string): unknown {
  return pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (typeof node !== "object" || node === null) return;
  visit(node as Json);
  Object.values(node).forEach((n) => walk(n, visit));
}

/** An API call, as opposed to the operators' routes and the documents themselves. */
const isApi = (route: string, op: Json) =>
  route.startsWith("/api/") && !(op.tags as string[]).includes("operations");

const deref = (node: Json): Json =>
  typeof node.$ref === "string" ? deref(resolve(node.$ref) as Json) : node;

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the contract's paths", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(appRoutes()).toContain("POST /api/articles/{articleId}/comments");
  });

  it("is valid per the official OpenAPI 3.1 schema (which does catch a broken one)", () => {
    expect(openApiProblems(doc)).toEqual([]);
    const broken = structuredClone(doc);
    (broken.paths["/api/sessions"]!.post! as Json).responses = undefined;
    broken.paths["/api/notifications"]!.get!.parameters = [{ name: "x", in: "body" }];
    expect(openApiProblems(broken).length).toBeGreaterThan(0);
  });

  it("documents every route the app registers, and only those", () => {
    expect(documentedRoutes()).toEqual(appRoutes());
    expect(documentedRoutes().length).toBeGreaterThan(35);
    // Walking app.routes: a route without a doc entry is one of the static pages, or a failure.
    const undocumented = undocumentedRoutes(app.routes);
    expect(undocumented.filter((r) => !staticRoutes.includes(r))).toEqual([]);
  });

  it("has no doc entry for a route the app does not register", () => {
    const registered = new Set(routeKeys(app.routes));
    expect(Object.keys(routeDocs).filter((key) => !registered.has(key))).toEqual([]);
  });

  it("documents only the routes an instance mounts", () => {
    const minimal = bareHttpApp();
    const paths = (buildOpenApiDocument(minimal.routes) as Doc).paths;
    expect(paths["/api/articles/{articleId}/comments"]).toBeDefined();
    expect(paths["/api/moderation/queue"]).toBeUndefined();
    expect(paths["/metrics"]).toBeUndefined();
  });

  it("resolves every $ref", () => {
    const refs: string[] = [];
    walk(doc, (n) => {
      if (typeof n.$ref === "string") refs.push(n.$ref);
    });
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
  });

  it("declares every path template parameter, and only those", () => {
    for (const [route, item] of Object.entries(doc.paths)) {
      const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        const inPath = ((op.parameters as Json[] | undefined) ?? [])
          .map(deref)
          .filter((p) => p.in === "path")
          .map((p) => p.name)
          .sort();
        expect(inPath, `${method.toUpperCase()} ${route}`).toEqual(templated);
      }
    }
  });

  it("answers errors with the Error schema, and 429 with Retry-After", () => {
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${route}`;
        for (const [status, raw] of Object.entries(op.responses)) {
          const response = deref(raw);
          expect(response.description, `${where} ${status}`).toBeTruthy();
          if (Number(status) >= 400 && isApi(route, op)) {
            const content = response.content as Record<string, { schema: Json }>;
            expect(content["application/json"]?.schema, `${where} ${status}`).toEqual({
              $ref: "#/components/schemas/Error",
            });
          }
          if (status === "429") {
            expect(Object.keys(response.headers as Json), where).toContain("Retry-After");
          }
        }
        if (isApi(route, op)) {
          expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(["500", "503"]));
        }
      }
    }
    expect(
      Object.keys(doc.paths["/api/articles/{articleId}/comments"]?.post?.responses ?? {}),
    ).toEqual(["200", "201", "400", "401", "404", "409", "413", "415", "429", "500", "503"]);
  });
});

describe("OpenAPI document against a live server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  /** Asserts the status is documented for the operation and 2xx bodies have the required fields. */
  function conforms(path: string, method: string, res: { status: number; json: unknown }) {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path} documented`).toBeDefined();
    expect(Object.keys(op!.responses), `${method} ${path}`).toContain(String(res.status));
    const response = deref(op!.responses[String(res.status)]!);
    const schema = (response.content as Record<string, { schema: Json }> | undefined)?.[
      "application/json"
    ]?.schema;
    if (!schema) return;
    const required = (deref(schema).required as string[] | undefined) ?? [];
    for (const field of required) {
      expect(res.json, `${method} ${path} ${res.status}`).toHaveProperty(field);
    }
  }

  it("serves the document at GET /api/openapi.json, compressed, with an ETag", async () => {
    const res = await api(server.url, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const served = res.json as Doc;
    // The test server mounts every API part but /dev/mail (NODE_ENV=test with no SMTP: captured).
    expect(served.components).toEqual(doc.components);
    for (const [path, item] of Object.entries(served.paths)) {
      expect(item, path).toEqual(doc.paths[path]);
    }
    expect(Object.keys(served.paths).length).toBeGreaterThan(25);
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.url}/api/openapi.json`, {
      headers: { "If-None-Match": etag! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    for (const encoding of ["br", "gzip"]) {
      const packed = await fetch(`${server.url}/api/openapi.json`, {
        headers: { "Accept-Encoding": encoding },
      });
      expect(packed.headers.get("content-encoding")).toBe(encoding);
      expect(packed.headers.get("vary")).toMatch(/Accept-Encoding/);
      expect(await packed.json()).toEqual(res.json);
    }
  });

  it("answers with documented statuses and shapes", async () => {
    const { token } = await guest(server.url, "Doc Reader");
    const auth = { token };
    const a = "/api/articles/openapi-1";
    conforms("/api/sessions", "post", await api(server.url, "POST", "/api/sessions", { body: {} }));
    const posted = await api(server.url, "POST", `${a}/comments`, {
      ...auth,
      body: { body: "hi" },
    });
    conforms("/api/articles/{articleId}/comments", "post", posted);
    const id = (posted.json as { comment: { id: string } }).comment.id;
    const calls: [string, string, string, Parameters<typeof api>[3]][] = [
      ["/api/articles/{articleId}/comments", "get", `${a}/comments`, {}],
      ["/api/articles/{articleId}/comments", "get", `${a}/comments?cursor=nope`, {}],
      ["/api/articles/{articleId}/comments", "post", `${a}/comments`, { body: { body: "x" } }],
      ["/api/articles/{articleId}/changes", "get", `${a}/changes?after=0`, {}],
      ["/api/articles/{articleId}/changes", "get", `${a}/changes?after=-1`, {}],
      ["/api/comments/{id}", "patch", `/api/comments/${id}`, { ...auth, body: { body: "y" } }],
      ["/api/comments/{id}", "patch", `/api/comments/nope`, { ...auth, body: { body: "y" } }],
      ["/api/comments/{id}", "delete", `/api/comments/${id}`, auth],
      ["/api/notifications", "get", "/api/notifications?unread=true", auth],
      ["/api/notifications", "get", "/api/notifications", { token: "bad" }],
      ["/api/notifications/read", "post", "/api/notifications/read", auth],
      ["/api/articles/{articleId}/subscription", "get", `${a}/subscription`, auth],
      [
        "/api/articles/{articleId}/subscription",
        "put",
        `${a}/subscription`,
        { ...auth, body: { notify: "all" } },
      ],
      ["/healthz", "get", "/healthz", {}],
      ["/readyz", "get", "/readyz", {}],
    ];
    for (const [path, method, url, options] of calls) {
      conforms(path, method, await api(server.url, method.toUpperCase(), url, options));
    }
    // An anonymous page revalidated with its ETag: the documented 304 and caching headers.
    const page = await api(server.url, "GET", `${a}/comments`);
    const documentedHeaders = Object.keys(
      doc.paths["/api/articles/{articleId}/comments"]!.get!.responses["200"]!.headers as Json,
    );
    for (const header of ["ETag", "Cache-Control", "CDN-Cache-Control", "Vary"]) {
      expect(documentedHeaders).toContain(header);
      expect(page.headers.get(header), header).toBeTruthy();
    }
    const unchanged = await api(server.url, "GET", `${a}/comments`, {
      headers: { "If-None-Match": page.headers.get("etag")! },
    });
    expect(unchanged.status).toBe(304);
    conforms("/api/articles/{articleId}/comments", "get", unchanged);
    const voter = { token: (await guest(server.url, "Voter")).token };
    const second = await api(server.url, "POST", `${a}/comments`, { ...auth, body: { body: "b" } });
    const cid = (second.json as { comment: { id: string } }).comment.id;
    const trustCalls: [string, string, string, Parameters<typeof api>[3]][] = [
      [
        "/api/comments/{id}/vote",
        "put",
        `/api/comments/${cid}/vote`,
        { ...voter, body: { value: 1 } },
      ],
      [
        "/api/comments/{id}/vote",
        "put",
        `/api/comments/${cid}/vote`,
        { ...auth, body: { value: 1 } },
      ],
      [
        "/api/comments/{id}/vote",
        "put",
        `/api/comments/${cid}/vote`,
        { ...voter, body: { value: 2 } },
      ],
      ["/api/comments/{id}/vote", "delete", `/api/comments/${cid}/vote`, voter],
      ["/api/comments/{id}/reports", "post", `/api/comments/${cid}/reports`, voter],
      ["/api/comments/{id}/reports", "post", `/api/comments/${cid}/reports`, voter],
      ["/api/moderation/queue", "get", "/api/moderation/queue", voter],
      ["/api/moderation/log", "get", "/api/moderation/log", {}],
      ["/api/moderation/articles/{articleId}", "get", "/api/moderation/articles/x", voter],
    ];
    for (const [path, method, url, options] of trustCalls) {
      conforms(path, method, await api(server.url, method.toUpperCase(), url, options));
    }
    const big = await api(server.url, "POST", `${a}/comments`, {
      ...auth,
      rawBody: JSON.stringify({ body: "z".repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    conforms("/api/articles/{articleId}/comments", "post", big);
    const limited = await startTestServer({ env: { RATE_LIMIT_SESSIONS_PER_IP: "1" } });
    try {
      await guest(limited.url, "First");
      const refused = await api(limited.url, "POST", "/api/sessions", { body: { name: "Second" } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      conforms("/api/sessions", "post", refused);
    } finally {
      await limited.stop();
    }
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});

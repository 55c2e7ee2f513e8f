/**
 * fast-check arbitraries for the fuzz suite: hostile strings and JSON, and whole HTTP requests
 * and socket events built from them, aimed at every route and event Parley has.
 */
import fc from "fast-check";

/** Strings known to break naive servers: injections, encodings, sizes, odd Unicode. */
const classics = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "' OR '1'='1' --",
  '"; DROP TABLE comments; --',
  "1; SELECT pg_sleep(10)",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "prototype",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x10",
  "9007199254740993",
  "null",
  "true",
  "[]",
  "{}",
  "\uD800",
  "\uDFFF\uD800",
  "\u202Eevil",
  "\u2066\u202Eevil\u2069",
  "\uFEFF",
  "\u200B",
  "\u00AD\u2060\u200D",
  "\u3164",
  "d\u200Barn",
  "ԁаrn",
  "ｄａｒｎ",
  "d a r n",
  "d.a.r.n",
  "e\u0301\u0301\u0301\u0301",
  "🙂".repeat(2600),
  "x".repeat(5001),
  "y".repeat(20_000),
  "a,b,c",
  "sort=top&limit=1",
  "\r\nSet-Cookie: a=b",
];

/** Any string, hostile ones often. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...classics) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);

/** Any JSON-ish value, hostile strings and odd numbers included. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1, -1, 0, 2, 1.5, Number.MAX_SAFE_INTEGER, -0),
  fc.array(hostileString, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A body that looks almost right: the routes' own field names with hostile values. */
const shapedBody = fc.record(
  {
    body: fc.oneof(hostileJson, fc.constant("A plain comment"), fc.constant("oh darn")),
    parentId: hostileJson,
    clientKey: hostileJson,
    name: fc.oneof(hostileJson, fc.constant("Mallory")),
    email: hostileJson,
    value: fc.oneof(hostileJson, fc.constantFrom(1, -1)),
    reason: hostileJson,
    action: fc.oneof(hostileJson, fc.constantFrom("approve", "reject", "remove")),
    moderation: fc.oneof(hostileJson, fc.constantFrom("pre", "post", null)),
    closed: hostileJson,
    ids: hostileJson,
    notify: fc.oneof(hostileJson, fc.constantFrom("none", "replies", "all")),
    role: fc.constant("moderator"),
  },
  { requiredKeys: [] },
);

/** Raw request bodies: shaped JSON, any JSON, broken JSON, prototype pollution, deep nesting. */
const rawBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: shapedBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"role":"moderator","isAdmin":true},"body":"x","name":"n"}',
      '{"constructor":{"prototype":{"role":"moderator"}},"body":"x"}',
      '{"body":"first","body":"second"}',
      '{"value":1e309}',
      '{"value":1.0}',
      '{"value":"1"}',
      '{"body":"x"',
      "{'body':'x'}",
      "[1,2,",
      "\u0000\u0001\u0002",
      "[".repeat(30_000) + "]".repeat(30_000),
      '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000),
    ),
  },
);

const contentTypes = [
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
];

/** Percent-encodes `s`; a lone surrogate (which encodeURIComponent refuses) goes as raw bytes. */
function encodeLoosely(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return `%ED%A0%80${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ""))}`;
  }
}

/** A path segment: a valid-looking id, a hostile one encoded, or broken percent-encoding. */
const segment = fc.oneof(
  fc.stringMatching(/^fz-[a-z0-9]{1,12}$/),
  hostileString.map((s) => encodeLoosely(s.slice(0, 3000))),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "..", "%2e%2e", "a%2Fb", "%00"),
);

const queryValue = fc.oneof(
  hostileString.map((s) => s.slice(0, 2000)),
  fc.constantFrom("1", "0", "100", "top", "true", "reported"),
);
const query = fc
  .dictionary(
    fc.constantFrom("sort", "limit", "cursor", "after", "unread", "queue", "articleId", "x"),
    queryValue,
    { maxKeys: 4 },
  )
  .map((q) => {
    const s = new URLSearchParams(q).toString();
    return s ? `?${s}` : "";
  });

/** One HTTP request; `touchesKept` says it names one of the seeded comments. */
export interface HttpCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  touchesKept: boolean;
  /** The route as a template, for the tally of answers. */
  route: string;
}

type Route = [method: string, path: (article: string, id: string) => string];

const readerRoutes: Route[] = [
  ["POST", () => "/api/sessions"],
  ["GET", (a) => `/api/articles/${a}/comments`],
  ["GET", (a) => `/api/articles/${a}/changes`],
  ["POST", (a) => `/api/articles/${a}/comments`],
  ["PATCH", (_, id) => `/api/comments/${id}`],
  ["DELETE", (_, id) => `/api/comments/${id}`],
  ["GET", () => "/api/notifications"],
  ["POST", () => "/api/notifications/read"],
  ["GET", (a) => `/api/articles/${a}/subscription`],
  ["PUT", (a) => `/api/articles/${a}/subscription`],
  ["PUT", (_, id) => `/api/comments/${id}/vote`],
  ["DELETE", (_, id) => `/api/comments/${id}/vote`],
  ["POST", (_, id) => `/api/comments/${id}/reports`],
  ["GET", () => "/api/openapi.json"],
  ["GET", (a) => `/api/${a}`],
  ["PROPFIND", (a) => `/api/articles/${a}/comments`],
  ["OPTIONS", (a) => `/api/articles/${a}/comments`],
  ["HEAD", (a) => `/api/articles/${a}/comments`],
];

const moderationRoutes: Route[] = [
  ["GET", () => "/api/moderation/queue"],
  ["POST", (_, id) => `/api/moderation/comments/${id}/decisions`],
  ["GET", (a) => `/api/moderation/articles/${a}`],
  ["PUT", (a) => `/api/moderation/articles/${a}`],
  ["GET", () => "/api/moderation/log"],
  ["DELETE", (_, id) => `/api/moderation/comments/${id}`],
];

function caseOf(routes: Route[], keptIds: fc.Arbitrary<string>): fc.Arbitrary<HttpCase> {
  const id = fc.oneof(
    keptIds.map((value) => ({ value, kept: true })),
    segment.map((value) => ({ value, kept: false })),
  );
  return fc
    .record({
      route: fc.constantFrom(...routes),
      article: segment,
      id,
      query,
      body: fc.option(rawBody, { nil: undefined }),
      contentType: fc.constantFrom(...contentTypes),
      requestId: fc.option(hostileString, { nil: undefined }),
      forwardedFor: fc.option(hostileString, { nil: undefined }),
    })
    .map((r) => {
      const headers: Record<string, string> = {};
      if (r.contentType) headers["content-type"] = r.contentType;
      // Header values must be visible ASCII for fetch to send them at all.
      const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, "").slice(0, 200);
      if (r.requestId !== undefined) headers["x-request-id"] = printable(r.requestId);
      if (r.forwardedFor !== undefined) headers["x-forwarded-for"] = printable(r.forwardedFor);
      return {
        method: r.route[0],
        path: r.route[1](r.article, r.id.value) + r.query,
        headers,
        ...(r.body !== undefined ? { body: r.body } : {}),
        touchesKept: r.id.kept,
        route: `${r.route[0]} ${r.route[1]("{articleId}", "{id}")}`,
      };
    });
}

/** Any REST route with hostile path, query, headers and body. */
export function httpCase(keptIds: fc.Arbitrary<string>): fc.Arbitrary<HttpCase> {
  return caseOf([...readerRoutes, ...moderationRoutes], keptIds);
}

/** A moderation route with hostile input. */
export function moderationRoute(keptIds: fc.Arbitrary<string>): fc.Arbitrary<HttpCase> {
  return caseOf(moderationRoutes, keptIds);
}

/** One socket emit: a known or unknown event, any arguments, with or without an ack. */
export interface SocketCase {
  event: string;
  args: unknown[];
  withAck: boolean;
}

/** Names socket.io-client itself refuses to emit (the server's parser refuses them too). */
const reserved = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);

export function socketCase(keptIds: fc.Arbitrary<string>): fc.Arbitrary<SocketCase> {
  const payload = fc.oneof(
    hostileJson,
    fc.record(
      {
        articleId: fc.oneof(hostileJson, fc.stringMatching(/^fz-[a-z0-9]{1,8}$/)),
        after: fc.oneof(hostileJson, fc.nat()),
        body: fc.oneof(hostileJson, fc.constant("hello")),
        parentId: fc.oneof(hostileJson, keptIds),
        clientKey: hostileJson,
        __proto__: fc.constant({ role: "moderator" }),
      },
      { requiredKeys: [] },
    ),
  );
  return fc.record({
    event: fc
      .oneof(
        { weight: 4, arbitrary: fc.constantFrom("article:join", "article:leave", "comment:post") },
        { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 100)) },
        { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "toString", "error") },
      )
      .filter((e) => !reserved.has(e)),
    args: fc.array(payload, { minLength: 0, maxLength: 3 }),
    withAck: fc.boolean(),
  });
}

/** Look-alikes of each letter of the fuzz server's banned word "darn", from other scripts. */
const lookAlikes: Record<string, string[]> = {
  d: ["ԁ", "ꓒ", "ⅾ", "ｄ", "𝐝", "D"],
  a: ["а", "ɑ", "α", "ａ", "𝐚", "A"],
  r: ["г", "ꭇ", "ᴦ", "ｒ", "𝐫", "R"],
  n: ["ո", "ռ", "ｎ", "𝐧", "N"],
};

/** Characters that draw nothing: zero-width, joiners, soft hyphen, word joiner, bidi, BOM. */
const invisibleChars = [
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\u00AD",
  "\uFEFF",
  "\u180E",
  "\u034F",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200E",
  "\u200F",
  "\uFE0F",
  "\u{E0020}",
];

const invisibles = fc
  .array(fc.constantFrom(...invisibleChars), { maxLength: 3 })
  .map((a) => a.join(""));

/**
 * The banned word "darn" disguised: each letter itself or a look-alike, invisible characters
 * between them, or spelled apart with one separator ("d a r n", "d.a.r.n"), inside some text.
 */
export const disguisedDarn: fc.Arbitrary<string> = fc
  .record({
    letters: fc.tuple(...[..."darn"].map((l) => fc.constantFrom(l, ...(lookAlikes[l] ?? [])))),
    gaps: fc.tuple(invisibles, invisibles, invisibles),
    spaced: fc.option(fc.constantFrom(" ", ".", "-", "_", "  ", " . "), { nil: undefined }),
    before: fc.constantFrom("", "oh ", "well, ", "\u2067", "a "),
    after: fc.constantFrom("", "!", " it", "\u2069", "."),
  })
  .map(({ letters, gaps, spaced, before, after }) => {
    const word = letters
      .map((l, i) => (i === 0 ? l : `${spaced ?? ""}${gaps[i - 1] ?? ""}${l}`))
      .join("");
    return `${before}${word}${after}`;
  });

/** A name that shows nothing: only invisible, blank or space characters. */
export const blankName: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...invisibleChars, " ", "\u3164", "\u2800", "\u00A0", "\u3000"), {
    minLength: 1,
    maxLength: 12,
  })
  .map((a) => a.join(""));

/** A visible name wrapped in bidi controls and invisible characters (allowed, but isolated). */
export const bidiName: fc.Arbitrary<string> = fc
  .record({
    before: invisibles,
    name: fc.constantFrom("Ada", "Mod", "موديريتور", "אדה", "Moderator", "admin"),
    after: invisibles,
  })
  .map(({ before, name, after }) => `${before}${name}${after}`);

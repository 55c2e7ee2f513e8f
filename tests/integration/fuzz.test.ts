/**
 * Fuzzing every inbound shape (fast-check): random and hostile payloads, paths, queries, tokens
 * and headers at every REST route, and random events and payloads at the socket. Whatever comes
 * in, the process keeps serving, no answer is a 5xx or carries a stack trace, every error has the
 * contract's shape, non-moderators never pass a moderation route, and the comments a stranger may
 * not touch stay exactly as they were. Runs are bounded so the file stays well under 30 s.
 */
import fc from "fast-check";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it as itBase } from "vitest";
import { errorCodes } from "../../shared/errors.js";
import { api, type ClientSocket, connect, guest } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";
import { moderatorToken, SSO_TEST_SECRET } from "../helpers/trust.js";
import {
  bidiName,
  blankName,
  disguisedDarn,
  hostileJson,
  hostileString,
  type HttpCase,
  httpCase,
  moderationRoute,
  socketCase,
} from "./fuzz.arbitraries.js";

/** Text that betrays internals: stack frames, file paths, engine messages. */
const leak =
  /\bat .+\(|node:internal|node_modules|\/work\/|\.ts:\d+|SQLITE|sqlite|TypeError|SyntaxError|RangeError|duplicate key|violates|relation "|syntax error at/;

const pgReady = await requireService("PostgreSQL", postgresAvailable);

describe.each([
  { store: "sqlite", skip: false, runs: 1 },
  { store: "postgres", skip: !pgReady, runs: 1 },
])("fuzz ($store)", ({ store, skip, runs }) => {
  const it = skip ? itBase.skip : itBase;
  const numRuns = (n: number) => Math.max(1, Math.round(n * runs));
  let db: TestDatabase | undefined;
  let server: TestServer;
  let tokens: { attacker: string; moderator: string };
  let kept: { root: string; reply: string; articleId: string };
  let snapshot: unknown;

  /** What must not change: the seeded thread as a moderator sees it, scores aside. */
  const state = async () => {
    const page = await api(server.url, "GET", `/api/articles/${kept.articleId}/comments`, {
      token: tokens.moderator,
    });
    return {
      article: await server.store.getArticle(kept.articleId),
      threads: page.json.threads,
      root: await server.store.getComment(kept.root),
      reply: await server.store.getComment(kept.reply),
    };
  };

  beforeAll(async () => {
    if (skip) return;
    db = store === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET, SOCKET_EVENTS_PER_SECOND: "0", BANNED_WORDS: "darn" },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    const author = await guest(server.url, "Author");
    tokens = {
      attacker: (await guest(server.url, "Attacker")).token,
      moderator: await moderatorToken(),
    };
    const articleId = "fuzz-keep";
    const root = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token: author.token,
      body: { body: "Keep me as I am" },
    });
    const reply = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token: author.token,
      body: { body: "And me", parentId: root.json.comment.id },
    });
    kept = { root: root.json.comment.id, reply: reply.json.comment.id, articleId };
    snapshot = await state();
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  /** Statuses seen per caller and route; printed with FUZZ_REPORT=1 for the closing note. */
  const tally = new Map<string, Set<number>>();
  afterAll(() => {
    if (process.env.FUZZ_REPORT !== "1") return;
    const lines = [...tally].map(([k, v]) => `${k}: ${[...v].sort().join(",")}`).sort();
    process.stderr.write(`fuzz tally (${store})\n${lines.join("\n")}\n`);
  });

  /** Sends one case and checks the answer's invariants; returns the status. */
  async function send(c: HttpCase, token: string | undefined, who = "?"): Promise<number> {
    const headers: Record<string, string> = { ...c.headers };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const res = await fetch(server.url + c.path, {
      method: c.method,
      headers,
      ...(c.body !== undefined && c.method !== "GET" && c.method !== "HEAD"
        ? { body: c.body }
        : {}),
    });
    const text = await res.text();
    const key = `${who} ${c.route}${c.body === undefined ? "" : " +body"}`;
    tally.set(key, (tally.get(key) ?? new Set()).add(res.status));
    const where = `${c.method} ${c.path} ${c.body?.slice(0, 200) ?? ""}`;
    expect(res.status, where).toBeLessThan(500);
    // Node's own parser answers 431 (no body) to headers over its 16 KiB cap: never reaches us.
    if (res.status === 431) return res.status;
    if (res.status >= 400 && c.method !== "HEAD") {
      // Only error answers are checked for leaks: listings echo what the fuzzer itself posted.
      expect(text, where).not.toMatch(leak);
      const json = JSON.parse(text) as { error: { code: string; message: string } };
      expect(errorCodes, where).toContain(json.error.code);
      expect(typeof json.error.message, where).toBe("string");
    }
    return res.status;
  }

  it("REST: hostile input never crashes, leaks or answers 5xx", async () => {
    const ids = fc.constantFrom(kept.root, kept.reply);
    await fc.assert(
      fc.asyncProperty(
        httpCase(ids),
        fc.constantFrom<"none" | "attacker" | "moderator" | "bogus">(
          "none",
          "attacker",
          "moderator",
          "bogus",
        ),
        hostileString,
        async (c, who, bogus) => {
          // The moderator only meets random ids: deciding about the seeded comments is theirs to do.
          if (who === "moderator" && c.touchesKept) return;
          const token =
            who === "none"
              ? undefined
              : who === "bogus"
                ? bogus.replace(/[^\x21-\x7e]/g, "") || "x"
                : tokens[who];
          await send(c, token, who);
        },
      ),
      { numRuns: numRuns(1200) },
    );
  });

  it("REST: moderation routes refuse every non-moderator, whatever the input", async () => {
    await fc.assert(
      fc.asyncProperty(
        moderationRoute(fc.constantFrom(kept.root, kept.reply)),
        fc.constantFrom<"none" | "attacker">("none", "attacker"),
        async (c, who) => {
          const status = await send(c, who === "none" ? undefined : tokens.attacker, who);
          // 431: a request line over Node's 16 KiB cap is refused before any route runs.
          const refusals = [who === "none" ? 401 : 403, 431];
          // 415: a body (or a declared type) that is not JSON is refused before anything else.
          // (fetch itself declares text/plain for a string body sent without a type, even "".)
          const type = c.headers["content-type"];
          const json = type !== undefined && /^application\/json\s*(;|$)/i.test(type);
          const declared = type !== undefined || c.body !== undefined;
          if (c.method !== "GET" && !json && declared) refusals.push(415);
          expect(refusals, `${c.method} ${c.path}`).toContain(status);
        },
      ),
      { numRuns: numRuns(300) },
    );
  });

  it("Socket.IO: random events and payloads get a well-formed ack or are ignored", async () => {
    const sockets: ClientSocket[] = [
      await connect(server.url),
      await connect(server.url, tokens.attacker),
    ];
    await fc.assert(
      fc.asyncProperty(
        socketCase(fc.constantFrom(kept.root, kept.reply)),
        fc.nat(1),
        async (c, which) => {
          const socket = sockets[which]!;
          const raw = socket as unknown as {
            emit(event: string, ...args: unknown[]): void;
            timeout(ms: number): {
              emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
            };
          };
          // Unknown events are ignored by contract: nothing answers their ack.
          if (!c.withAck || !["article:join", "article:leave", "comment:post"].includes(c.event)) {
            raw.emit(c.event, ...c.args);
            return;
          }
          const answer = (await raw.timeout(5_000).emitWithAck(c.event, ...c.args)) as {
            ok: boolean;
            error?: { code: string; message: string };
          };
          expect(typeof answer.ok).toBe("boolean");
          if (!answer.ok) {
            expect(errorCodes).toContain(answer.error!.code);
            expect(answer.error!.code).not.toBe("internal");
            expect(answer.error!.message).not.toMatch(leak);
          }
        },
      ),
      { numRuns: numRuns(800) },
    );
    for (const s of sockets) {
      expect(s.connected).toBe(true);
      s.close();
    }
  });

  it("Engine.IO: malformed and hostile protocol frames only ever close that connection", async () => {
    const classic = [
      "42[",
      "42{}",
      '42["disconnect"]',
      '42["connect",{}]',
      '42["comment:post",{"articleId":"fz-raw","body":"x"},{"__proto__":{"x":1}}]',
      '451-["comment:post",{"_placeholder":true,"num":99}]',
      '452-["comment:post",{"_placeholder":true,"num":"__proto__"}]',
      '42["__proto__",{"articleId":"x"}]',
      '421["article:join",{"articleId":"fz-raw"}]',
      "43999[]",
      "44{}",
      "41",
      "40/nope,",
      "4",
      "9",
      "",
      "\u0000",
      "2probe",
      "6",
      "42" + "[".repeat(5_000),
    ];
    const frames = fc.oneof(
      fc.constantFrom<string | Buffer>(...classic),
      fc.string({ unit: "binary", maxLength: 200 }).map((x) => `42${x}`),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    );
    const wsUrl = `${server.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`;
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        const ws = new WebSocket(wsUrl);
        const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
        ws.on("error", () => undefined);
        await new Promise<void>((resolve) => ws.once("message", () => resolve()));
        ws.send("40");
        ws.send(frame);
        // A valid event after the hostile one, then hang up (the server may have already).
        ws.send('42["article:leave",{"articleId":"fz-raw"}]');
        ws.close();
        await closed;
      }),
      { numRuns: numRuns(150) },
    );
  });

  it("banned words: every disguise of a banned word is held like the plain word", async () => {
    const author = await guest(server.url, "Disguiser");
    await fc.assert(
      fc.asyncProperty(disguisedDarn, async (body) => {
        const res = await api(server.url, "POST", "/api/articles/fz-words/comments", {
          token: author.token,
          body: { body },
        });
        expect(res.status, JSON.stringify(body)).toBe(201);
        expect(res.json.comment.status, JSON.stringify(body)).toBe("pending");
      }),
      { numRuns: numRuns(80) },
    );
  });

  it("names: blank ones are refused with invalid_input, bidi ones are kept as text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          blankName.map((name) => ({ name, blank: true })),
          bidiName.map((name) => ({ name, blank: false })),
        ),
        async ({ name, blank }) => {
          const res = await api(server.url, "POST", "/api/sessions", { body: { name } });
          if (!blank) {
            expect(res.status, JSON.stringify(name)).toBe(201);
            expect(res.json.user.name).toBe(name.trim());
          } else {
            expect(res.status, JSON.stringify(name)).toBe(400);
            expect(res.json.error.code).toBe("invalid_input");
          }
        },
      ),
      { numRuns: numRuns(80) },
    );
  });

  it("keeps serving, and the seeded thread is unchanged", async () => {
    expect((await api(server.url, "GET", "/healthz")).json).toEqual({ status: "ok" });
    expect((await api(server.url, "GET", "/readyz")).status).toBe(200);
    const after = await state();
    const withoutScores = (s: unknown) =>
      JSON.parse(JSON.stringify(s).replace(/"score":-?\d+/g, '"score":0'));
    expect(withoutScores(after)).toEqual(withoutScores(snapshot));
    void hostileJson;
  });
});

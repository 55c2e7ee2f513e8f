/**
 * Bounded reads over the wire, on SQLite and PostgreSQL: a hostile thread (replies of 5,000
 * characters that JSON escapes to six bytes each) never makes a threads page, a replies page, a
 * changes page or an `article:join` answer larger than 256 KiB, and paging on still delivers every
 * comment exactly once. Bad replies cursors get `invalid_input`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.js";
import { api, connect, guest, request } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

const hostile = "\u0001".repeat(limits.bodyMaxChars);
const REPLIES = 40;
const ROOTS = 12;

/** GET with the raw body size: the bound is on bytes on the wire. */
async function getSized(base: string, path: string) {
  const res = await fetch(base + path);
  const text = await res.text();
  return {
    status: res.status,
    bytes: Buffer.byteLength(text),

    json: JSON.parse(text),
  };
}

const stores: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [
  ["sqlite", () => Promise.resolve({ url: "sqlite::memory:", drop: () => Promise.resolve() })],
  [
    "postgres",
    async () => {
      const db: TestDatabase = await createTestDatabase();
      return { url: db.url, drop: () => db.drop() };
    },
  ],
];

for (const [kind, openDb] of stores) {
  describe(`bounded reads (${kind})`, () => {
    let server: TestServer;
    let drop: () => Promise<void>;
    const articleId = `bounded-${kind}`;
    let rootId = "";
    const replyIds: string[] = [];

    beforeAll(async () => {
      const db = await openDb();
      drop = db.drop;
      server = await startTestServer({ databaseUrl: db.url });
      const { token } = await guest(server.url, "Hostile");
      const post = async (parentId?: string) => {
        const res = await api(server.url, "POST", `/api/articles/${articleId}/comments`, {
          token,
          body: { body: hostile, ...(parentId ? { parentId } : {}) },
        });
        expect(res.status).toBe(201);
        return res.json.comment.id as string;
      };
      rootId = await post();
      for (let i = 0; i < REPLIES; i++) replyIds.push(await post(rootId));
      for (let i = 1; i < ROOTS; i++) await post();
    }, 60_000);
    afterAll(async () => {
      await server.stop();
      await drop();
    });

    it("cuts threads pages at 256 KiB, with a page of replies and a cursor for the rest", async () => {
      const seen = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : "";
        const page = await getSized(
          server.url,
          `/api/articles/${articleId}/comments?sort=oldest&limit=100${query}`,
        );
        expect(page.status).toBe(200);
        expect(page.bytes).toBeLessThanOrEqual(limits.responseMaxBytes);
        for (const t of page.json.threads as { comment: { id: string } }[]) seen.add(t.comment.id);
        if (pages === 0) {
          const first = page.json.threads[0];
          expect(first.comment.id).toBe(rootId);
          expect(first.replies.length).toBeGreaterThan(0);
          expect(first.replies.length + first.moreReplies).toBe(REPLIES);
          expect(typeof first.repliesCursor).toBe("string");
        }
        cursor = page.json.nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen.size).toBe(ROOTS);
      expect(pages).toBeGreaterThan(1);
    });

    it("pages a thread's replies through the replies endpoint, each once, under 256 KiB", async () => {
      const first = await getSized(server.url, `/api/articles/${articleId}/comments?sort=oldest`);
      const thread = first.json.threads[0];
      const seen: string[] = thread.replies.map((r: { id: string }) => r.id);
      let cursor: string | null = thread.repliesCursor;
      let pages = 0;
      while (cursor && pages < 20) {
        const page = await getSized(
          server.url,
          `/api/comments/${rootId}/replies?limit=100&cursor=${cursor}`,
        );
        expect(page.status).toBe(200);
        expect(page.bytes).toBeLessThanOrEqual(limits.responseMaxBytes);
        seen.push(...page.json.replies.map((r: { id: string }) => r.id));
        cursor = page.json.repliesCursor;
        pages += 1;
      }
      expect(seen).toEqual(replyIds);
      // Without a cursor: from the first reply.
      const fromStart = await getSized(server.url, `/api/comments/${rootId}/replies?limit=3`);
      expect(fromStart.json.replies.map((r: { id: string }) => r.id)).toEqual(replyIds.slice(0, 3));
    });

    it("answers bad replies requests with their codes", async () => {
      const other = await getSized(server.url, `/api/articles/${articleId}/comments?sort=newest`);
      const otherRoot = other.json.threads[0].comment.id as string;
      const foreign = (await getSized(server.url, `/api/comments/${rootId}/replies?limit=1`)).json
        .repliesCursor as string;
      for (const path of [
        `/api/comments/${rootId}/replies?cursor=not-a-cursor`,
        `/api/comments/${rootId}/replies?cursor=${Buffer.from('{"r":1}').toString("base64url")}`,
        `/api/comments/${otherRoot}/replies?cursor=${foreign}`, // another thread's cursor
        `/api/comments/${rootId}/replies?limit=0`,
        `/api/comments/${rootId}/replies?limit=101`,
      ]) {
        const res = await api(server.url, "GET", path);
        expect(res.status, path).toBe(400);
        expect(res.json.error.code).toBe("invalid_input");
      }
      for (const id of ["no-such-comment", replyIds[0]!]) {
        const res = await api(server.url, "GET", `/api/comments/${id}/replies`);
        expect(res.status).toBe(404);
        expect(res.json.error.code).toBe("not_found");
      }
    });

    it("cuts changes and join answers at 256 KiB; paging on completes the catch-up", async () => {
      const seen: string[] = [];
      let after = 0;
      for (let pages = 0; pages < 50; pages++) {
        const page = await getSized(
          server.url,
          `/api/articles/${articleId}/changes?after=${after}&limit=500`,
        );
        expect(page.status).toBe(200);
        expect(page.bytes).toBeLessThanOrEqual(limits.responseMaxBytes);
        seen.push(...page.json.changes.map((c: { id: string }) => c.id));
        after = page.json.lastSeq as number;
        if (page.json.changes.length) after = page.json.changes.at(-1).seq as number;
        if (!page.json.hasMore) break;
      }
      expect(new Set(seen).size).toBe(ROOTS + REPLIES);

      const socket = await connect(server.url);
      try {
        const answer = await request(socket, "article:join", { articleId, after: 0 });
        expect(answer.ok).toBe(true);
        expect(answer.hasMore).toBe(true);
        expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(
          limits.responseMaxBytes,
        );
      } finally {
        socket.close();
      }
    });
  });
}

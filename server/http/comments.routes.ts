/** Threads, catch-up, posting, editing and removing comments over REST. */
import { Hono } from "hono";
import {
  changesQuery,
  editCommentBody,
  postCommentBody,
  repliesQuery,
  threadsQuery,
} from "../../shared/schemas.js";
import type { CommentService } from "../domain/comment.service.js";
import { EncodedBody, matchesEtag, pageEtag } from "./encoding.js";
import type { AppEnv } from "./http-env.js";
import { articleParam, idParam, parseBody, parseQuery } from "./parse.js";

/** Shared caches (a CDN) may keep an anonymous page this long, then serve it stale while they ask. */
export const SHARED_MAX_AGE_S = 2;
/** …and serve it stale this long while they revalidate. */
export const SHARED_SWR_S = 30;

export function commentRoutes(comments: CommentService) {
  const app = new Hono<AppEnv>();

  // A cached first page hands back the same `threads` array until the article changes: its JSON
  // is made once per array, not once per request (a 20-thread page is ~10 KB of JSON).
  const threadsJson = new WeakMap<object, string>();
  // The whole anonymous first page, encoded, for the same array: compressed at most once a
  // second rather than per request. Its `serverTime` is then up to a second old, which the
  // widget's clock offset shrugs off (a CDN serves it older still).
  // `pinned` is compared by identity: the pinned reader hands back the same array while it holds
  // an article's pins, so its JSON (up to a few long comments) is not made per request either.
  const encodedPages = new WeakMap<
    object,
    { key: string; pinned: unknown; madeAt: number; body: EncodedBody; etag: string }
  >();

  app.get("/articles/:articleId/comments", async (c) => {
    const articleId = articleParam(c);
    const query = parseQuery(c, threadsQuery);
    const actor = c.get("actor");
    const { threads, ...page } = await comments.threads(actor, articleId, query, {
      ip: c.get("ip"),
    });
    let json = threadsJson.get(threads);
    if (json === undefined) {
      json = JSON.stringify(threads);
      threadsJson.set(threads, json);
    }
    const { serverTime: _serverTime, pinned, ...stable } = page;
    const key = JSON.stringify(stable);
    const now = Date.now();
    let made = encodedPages.get(threads);
    if (!made || made.key !== key || made.pinned !== pinned || now - made.madeAt >= 1_000) {
      const pinnedJson = JSON.stringify(pinned ?? null);
      const body = new EncodedBody(`${JSON.stringify(page).slice(0, -1)},"threads":${json}}`);
      const etag = pageEtag(page.lastSeq, key, pinnedJson, json);
      made = { key, pinned, madeAt: now, body, etag };
      // Only a first page comes back as the same array; a per-request array needs no entry.
      if (actor === null && query.cursor === undefined) encodedPages.set(threads, made);
    }
    c.header("Content-Type", "application/json");
    c.header("Vary", "Accept-Encoding");
    // A signed-in reader's page may hold their own pending comments: never in a shared cache.
    const shared = actor === null && c.req.header("authorization") === undefined;
    // Browsers revalidate every time (a 304 when nothing changed): a page served from a browser's
    // own cache would hide what changed without a seq, such as the article's page URL. Shared
    // caches (CDNs, RFC 9213) may keep it briefly.
    c.header("Cache-Control", shared ? "public, no-cache" : "private, no-store");
    if (shared) {
      c.header(
        "CDN-Cache-Control",
        `public, max-age=${SHARED_MAX_AGE_S}, stale-while-revalidate=${SHARED_SWR_S}`,
      );
    }
    if (shared) {
      c.header("ETag", made.etag);
      if (matchesEtag(c.req.header("if-none-match"), made.etag)) return c.body(null, 304);
    }
    const { encoding, body } = made.body.for(c.req.header("accept-encoding"));
    if (encoding !== "identity") c.header("Content-Encoding", encoding);
    return c.body(typeof body === "string" ? body : new Uint8Array(body));
  });

  app.get("/articles/:articleId/changes", async (c) => {
    const articleId = articleParam(c);
    const { after, limit } = parseQuery(c, changesQuery);
    const {
      articleId: id,
      lastSeq,
      changes,
      hasMore,
    } = await comments.catchUp(c.get("actor"), articleId, after, limit, { ip: c.get("ip") });
    return c.json({ articleId: id, lastSeq, changes, hasMore });
  });

  app.get("/comments/:id/replies", async (c) => {
    const id = idParam(c);
    const query = parseQuery(c, repliesQuery);
    return c.json(await comments.replies(c.get("actor"), id, query, { ip: c.get("ip") }));
  });

  app.post("/articles/:articleId/comments", async (c) => {
    const articleId = articleParam(c);
    const body = await parseBody(c, postCommentBody);
    const { comment, created } = await comments.post(
      c.get("actor"),
      { ...body, articleId, host: c.req.header("host") },
      c.get("ip"),
    );
    return c.json({ comment }, created ? 201 : 200);
  });

  app.get("/comments/:id/thread", async (c) => {
    const id = idParam(c);
    const { bytes: _bytes, ...answer } = await comments.thread(c.get("actor"), id, {
      ip: c.get("ip"),
    });
    return c.json(answer);
  });

  app.patch("/comments/:id", async (c) => {
    const id = idParam(c);
    const { body } = await parseBody(c, editCommentBody);
    return c.json({ comment: await comments.edit(c.get("actor"), id, body, c.get("ip")) });
  });

  app.delete("/comments/:id", async (c) => {
    const id = idParam(c);
    return c.json({ comment: await comments.remove(c.get("actor"), id) });
  });

  return app;
}

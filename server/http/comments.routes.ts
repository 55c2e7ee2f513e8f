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
import type { AppEnv } from "./http-env.js";
import { articleParam, idParam, parseBody, parseQuery } from "./parse.js";

export function commentRoutes(comments: CommentService) {
  const app = new Hono<AppEnv>();

  // A cached first page hands back the same `threads` array until the article changes: its JSON
  // is made once per array, not once per request (a 20-thread page is ~10 KB of JSON).
  const threadsJson = new WeakMap<object, string>();

  app.get("/articles/:articleId/comments", async (c) => {
    const articleId = articleParam(c);
    const query = parseQuery(c, threadsQuery);
    const { threads, ...page } = await comments.threads(c.get("actor"), articleId, query, {
      ip: c.get("ip"),
    });
    let json = threadsJson.get(threads);
    if (json === undefined) {
      json = JSON.stringify(threads);
      threadsJson.set(threads, json);
    }
    c.header("Content-Type", "application/json");
    return c.body(`${JSON.stringify(page).slice(0, -1)},"threads":${json}}`);
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

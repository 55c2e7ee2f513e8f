/**
 * Articles know their page: the embed's `page: { url, title }` (article:join and a post's body) is
 * kept the first time it verifies (own origin or ALLOWED_ORIGINS, http(s), bounded, cleaned);
 * threads pages, notifications (listed and live) and the moderation queue carry it; a moderator
 * changes it. A bad page is ignored, never an error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connect, guest, request } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { moderatorToken, nextEvent, SSO_TEST_SECRET } from "../helpers/trust.js";

const partner = "https://news.example";

describe("article pages", () => {
  let server: TestServer;
  let mod: string;
  beforeAll(async () => {
    server = await startTestServer({
      env: { SSO_SECRET: SSO_TEST_SECRET, ALLOWED_ORIGINS: partner },
    });
    mod = await moderatorToken();
  });
  afterAll(() => server?.stop());

  const article = (id: string) =>
    api(server.url, "GET", `/api/articles/${id}/comments`).then((r) => r.json.article);

  it("keeps the first verified page from article:join, and ignores later and bad ones", async () => {
    const socket = await connect(server.url);
    try {
      const hostile = [
        { url: "javascript:alert(1)//news.example", title: "x" },
        { url: "data:text/html,<b>hi</b>", title: "x" },
        { url: "https://evil.example/a", title: "Evil" },
        { url: `${partner}/${"a".repeat(2100)}`, title: "Long" },
        { url: "https://user:pw@news.example/a", title: "Creds" },
        { url: 42, title: "Wrong shape" },
        "not an object",
      ];
      for (const page of hostile) {
        const answer = await request(socket, "article:join", { articleId: "pg-1", page });
        expect(answer.ok, JSON.stringify(page)).toBe(true);
      }
      expect(await article("pg-1")).toEqual({ id: "pg-1", title: null, url: null, closed: false });

      const title = `  The\u200b big\u202e story\u0007\n${"!".repeat(400)}`;
      const first = await request(socket, "article:join", {
        articleId: "pg-1",
        page: { url: `${partner}/story?id=1#comments`, title },
      });
      expect(first.article).toMatchObject({ url: `${partner}/story?id=1` });
      const kept = await article("pg-1");
      expect(kept.url).toBe(`${partner}/story?id=1`);
      expect(kept.title.startsWith("The big story !")).toBe(true);
      expect(Array.from(kept.title as string).length).toBe(300);
      // A second page (a copy elsewhere on the same site) does not rename it.
      await request(socket, "article:join", {
        articleId: "pg-1",
        page: { url: `${partner}/copy`, title: "Copy" },
      });
      expect((await article("pg-1")).url).toBe(`${partner}/story?id=1`);
    } finally {
      socket.close();
    }
  });

  it("takes the page from a post's body, on the server's own origin too", async () => {
    const ann = await guest(server.url, "Ann");
    const res = await api(server.url, "POST", "/api/articles/pg-2/comments", {
      token: ann.token,
      body: { body: "Hello", page: { url: `${server.url}/demo?x=1`, title: "Demo" } },
    });
    expect(res.status).toBe(201);
    expect(await article("pg-2")).toEqual({
      id: "pg-2",
      title: "Demo",
      url: `${server.url}/demo?x=1`,
      closed: false,
    });
    const bad = await api(server.url, "POST", "/api/articles/pg-3/comments", {
      token: ann.token,
      body: { body: "Hello", page: { url: ["x"] } },
    });
    expect(bad.status).toBe(201);
    expect((await article("pg-3")).url).toBeNull();
  });

  it("puts the article's page on notifications (listed and live) and queue items", async () => {
    const ann = await guest(server.url, "Ann");
    const bob = await guest(server.url, "Bob");
    const page = { url: `${partner}/n`, title: "Notified" };
    const root = await api(server.url, "POST", "/api/articles/pg-4/comments", {
      token: ann.token,
      body: { body: "Root", page },
    });
    const annSocket = await connect(server.url, ann.token);
    try {
      const live = nextEvent(annSocket, "notification:created");
      await api(server.url, "POST", "/api/articles/pg-4/comments", {
        token: bob.token,
        body: { body: "Reply", parentId: root.json.comment.id },
      });
      const expected = { id: "pg-4", title: "Notified", url: `${partner}/n` };
      expect((await live).article).toEqual(expected);
      const listed = await api(server.url, "GET", "/api/notifications", { token: ann.token });
      expect(listed.json.notifications[0].article).toEqual(expected);
      const reply = listed.json.notifications[0].comment.id as string;
      await api(server.url, "POST", `/api/comments/${reply}/reports`, {
        token: ann.token,
        body: { reason: "spam" },
      });
      const queue = await api(server.url, "GET", "/api/moderation/queue?queue=reported", {
        token: mod,
      });
      const item = queue.json.items.find(
        (i: { comment: { id: string } }) => i.comment.id === reply,
      );
      expect(item.article).toEqual(expected);
    } finally {
      annSocket.close();
    }
  });

  it("lets a moderator set or clear the page, refusing javascript: URLs", async () => {
    const path = "/api/moderation/articles/pg-5";
    const set = await api(server.url, "PUT", path, {
      token: mod,
      body: { url: "https://elsewhere.example/moved", title: "Moved\u200b here" },
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ url: "https://elsewhere.example/moved", title: "Moved here" });
    expect((await article("pg-5")).url).toBe("https://elsewhere.example/moved");
    for (const url of ["javascript:alert(1)", "data:,x", "/relative", "x".repeat(2049)]) {
      const refused = await api(server.url, "PUT", path, { token: mod, body: { url } });
      expect(refused.status, url).toBe(400);
      expect(refused.json.error.code).toBe("invalid_input");
    }
    const cleared = await api(server.url, "PUT", path, { token: mod, body: { url: null } });
    expect(cleared.json.url).toBeNull();
    const ann = await guest(server.url, "Ann");
    const forbidden = await api(server.url, "PUT", path, { token: ann.token, body: { url: null } });
    expect(forbidden.status).toBe(403);
    const log = await api(server.url, "GET", "/api/moderation/log?articleId=pg-5", { token: mod });
    expect(log.json.entries.map((e: { action: string }) => e.action)).toEqual(["page", "page"]);
  });
});

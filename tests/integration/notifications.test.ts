/** Reply notifications: stored, listed, pushed to every tab, shaped by "Notify of". */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  collect,
  connect,
  guest,
  request,
  waitFor,
  type ClientSocket,
} from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

describe("notifications", () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });
  const open = async (token: string) => {
    const s = await connect(server.url, token);
    sockets.push(s);
    return s;
  };
  const post = (token: string, articleId: string, body: string, parentId?: string) =>
    api(server.url, "POST", `/api/articles/${articleId}/comments`, {
      token,
      body: { body, parentId },
    });

  it("tells the parent's author in both tabs, lists it, and never tells the replier", async () => {
    const author = await guest(server.url, "Author");
    const replier = await guest(server.url, "Replier");
    const [tab1, tab2, replierTab] = await Promise.all([
      open(author.token),
      open(author.token),
      open(replier.token),
    ]);
    const n1 = collect(tab1, "notification:created");
    const n2 = collect(tab2, "notification:created");
    const nr = collect(replierTab, "notification:created");
    const root = await post(author.token, "n-1", "A view");
    const reply = await post(replier.token, "n-1", "A reply", root.json.comment.id);
    expect(reply.status).toBe(201);
    await waitFor("both of the author's tabs are told", () => n1.length === 1 && n2.length === 1);
    expect(n1[0]).toMatchObject({
      type: "reply",
      articleId: "n-1",
      readAt: null,
      comment: reply.json.comment,
    });
    expect(n2[0]).toEqual(n1[0]);

    const listed = await api(server.url, "GET", "/api/notifications", { token: author.token });
    expect(listed.json.unreadCount).toBe(1);
    expect(listed.json.notifications).toEqual([n1[0]]);
    const replierList = await api(server.url, "GET", "/api/notifications", {
      token: replier.token,
    });
    expect(replierList.json).toEqual({ notifications: [], unreadCount: 0 });
    // Replying to oneself notifies no one.
    await post(author.token, "n-1", "Self reply", root.json.comment.id);
    expect(
      (await api(server.url, "GET", "/api/notifications", { token: author.token })).json
        .unreadCount,
    ).toBe(1);
    expect(nr).toEqual([]);

    // Marking read in one tab updates every tab.
    const read1 = collect(tab1, "notification:read");
    const read2 = collect(tab2, "notification:read");
    const marked = await api(server.url, "POST", "/api/notifications/read", {
      token: author.token,
      body: {},
    });
    expect(marked.json).toEqual({ unreadCount: 0 });
    await waitFor("both tabs hear of the read", () => read1.length === 1 && read2.length === 1);
    expect(read1[0]).toEqual({ ids: null, unreadCount: 0 });
    const unread = await api(server.url, "GET", "/api/notifications?unread=true", {
      token: author.token,
    });
    expect(unread.json.notifications).toEqual([]);
  });

  it("`all` adds every new comment of the article; `none` silences replies", async () => {
    const follower = await guest(server.url, "Follower");
    const other = await guest(server.url, "Other");
    const tab = await open(follower.token);
    const seen = collect(tab, "notification:created");
    const sub = await api(server.url, "GET", "/api/articles/n-2/subscription", {
      token: follower.token,
    });
    expect(sub.json).toEqual({ articleId: "n-2", notify: "replies" });
    const put = await api(server.url, "PUT", "/api/articles/n-2/subscription", {
      token: follower.token,
      body: { notify: "all" },
    });
    expect(put.json).toEqual({ articleId: "n-2", notify: "all" });
    const mine = await post(follower.token, "n-2", "Mine");
    await post(other.token, "n-2", "Unrelated root");
    await post(other.token, "n-2", "Reply to mine", mine.json.comment.id);
    await post(other.token, "n-3", "Another article");
    await waitFor("two notifications", () => seen.length === 2);
    expect(seen.map((n) => [n.type, n.comment.body])).toEqual([
      ["comment", "Unrelated root"],
      ["reply", "Reply to mine"],
    ]);

    await api(server.url, "PUT", "/api/articles/n-2/subscription", {
      token: follower.token,
      body: { notify: "none" },
    });
    await post(other.token, "n-2", "Silenced reply", mine.json.comment.id);
    await post(other.token, "n-2", "Silenced root");
    // A reply to the follower elsewhere still arrives: proof that the silenced ones were not just late.
    const elsewhere = await post(follower.token, "n-4", "Elsewhere");
    await post(other.token, "n-4", "Counted", elsewhere.json.comment.id);
    await waitFor("the reply on the other article", () => seen.length === 3);
    expect(seen[2]?.comment.body).toBe("Counted");
  });

  it("marks only the given ids, and only the caller's", async () => {
    const a = await guest(server.url, "A");
    const b = await guest(server.url, "B");
    const root = await post(a.token, "n-5", "root");
    await post(b.token, "n-5", "r1", root.json.comment.id);
    await post(b.token, "n-5", "r2", root.json.comment.id);
    const list = await api(server.url, "GET", "/api/notifications", { token: a.token });
    const [newest] = list.json.notifications;
    expect(
      (
        await api(server.url, "POST", "/api/notifications/read", {
          token: b.token,
          body: { ids: [newest.id] },
        })
      ).json.unreadCount,
    ).toBe(0);
    expect(
      (await api(server.url, "GET", "/api/notifications", { token: a.token })).json.unreadCount,
    ).toBe(2);
    const marked = await api(server.url, "POST", "/api/notifications/read", {
      token: a.token,
      body: { ids: [newest.id] },
    });
    expect(marked.json.unreadCount).toBe(1);
  });

  it("requires a token", async () => {
    const tab = await connect(server.url);
    sockets.push(tab);
    expect((await api(server.url, "GET", "/api/notifications")).status).toBe(401);
    expect(
      (await request(tab, "comment:post", { articleId: "n-6", body: "anon" })).error?.code,
    ).toBe("unauthorized");
  });
});

/**
 * Imports of real exports, on SQLite and PostgreSQL: WordPress 6.1 with wpDiscuz (the shared
 * reference, 1,001 comments with votes), WordPress's own theme unit test data (threads ten deep,
 * pending comments, pingbacks, HTML), and a Disqus export written by hand to Disqus's layout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disqusReader } from "../../server/import/disqus.reader.js";
import { derivedId, runImport } from "../../server/import/import.runner.js";
import { wordpressReader } from "../../server/import/wordpress.reader.js";
import type { Store } from "../../server/store/store.js";
import {
  importFixture,
  openPostgres,
  openSqlite,
  type OpenedStore,
  sharedReference,
} from "../helpers/import-stores.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);
const wpdiscuz = sharedReference("wordpress-wpdiscuz-export.xml");
if (!wpdiscuz) {
  process.stderr.write(
    "shared/reference/wordpress-wpdiscuz-export.xml is not beside the clone: its tests skip\n",
  );
}
const themeData = importFixture("themeunittestdata.wordpress.xml");
const disqus = importFixture("disqus-handwritten.xml");

const wpId = (site: string, commentId: number) =>
  derivedId("imp", `wordpress:${site}:${commentId}`);

/** Every comment of an article, any status, in creation order. */
async function allComments(store: Store, articleId: string) {
  return store.exportComments(articleId, 0, 100_000);
}

describe.each([
  { kind: "sqlite", open: openSqlite, skip: false },
  { kind: "postgres", open: openPostgres, skip: !pgReady },
])("import into $kind", ({ open, skip }) => {
  let opened: OpenedStore;
  const store = () => opened.store;
  beforeAll(async () => {
    if (!skip) opened = await open();
  });
  afterAll(() => opened?.dispose());

  describe.skipIf(skip || !wpdiscuz)("WordPress 6.1 + wpDiscuz reference export", () => {
    const site = "http://127.0.0.1:8088";
    const tram = "city-council-approves-the-new-tram-line-after-a-two-year-fight";

    it("imports 2 articles and 1,001 published comments with threads, dates and votes", async () => {
      const summary = await runImport({
        store: store(),
        reader: wordpressReader(wpdiscuz!),
        rule: "slug",
      });
      expect(summary).toEqual({
        articles: 2,
        comments: { published: 1001, pending: 0, removed: 0 },
        existing: 0,
        skipped: {},
        notes: {},
      });
      const article = await store().getArticle(tram);
      expect(article).toMatchObject({
        lastSeq: 1000,
        commentCount: 1000,
        title: "City council approves the new tram line after a two-year fight",
        url: `${site}/2026/11/${tram}/`,
      });
      const fifth = await store().getComment(wpId(site, 5));
      expect(fifth).toMatchObject({
        articleId: tram,
        parentId: null,
        createdAt: "2026-11-29T00:08:38.000Z",
        score: 5,
        status: "published",
        author: { name: "Yusuf Dubois" },
      });
      expect(fifth?.body).toMatch(/^Small correction: schools in the north/);
      // wpDiscuz's meta became scores on 278 comments; the fixture has net scores from -2 to 11.
      const comments = await allComments(store(), tram);
      expect(comments.filter((c) => c.score !== 0).length).toBeGreaterThan(200);
      expect(Math.min(...comments.map((c) => c.score))).toBeLessThan(0);
      // Threads keep their shape: 333 replies, each under the comment it answered.
      const replies = comments.filter((c) => c.parentId !== null);
      expect(replies).toHaveLength(333);
      const reply = await store().getComment(wpId(site, 594));
      expect(reply?.parentId).toBe(wpId(site, 591));
      // Imported in date order: creation order equals the original order.
      const dates = comments.map((c) => c.createdAt);
      expect(dates).toEqual([...dates].sort());
      // Authors are private guests: the address is kept apart, never as a mailable email.
      const author = (await store().exportUsers(null, 100_000)).find(
        (u) => u.id === fifth!.author.id,
      );
      expect(author).toMatchObject({
        role: "guest",
        email: null,
        importedEmail: "yusuf.dubois98@example.org",
      });
    });

    it("creates nothing the second time", async () => {
      const summary = await runImport({
        store: store(),
        reader: wordpressReader(wpdiscuz!),
        rule: "slug",
      });
      expect(summary).toMatchObject({
        articles: 0,
        comments: { published: 0, pending: 0, removed: 0 },
        existing: 1001,
      });
      expect(await store().getArticle(tram)).toMatchObject({ lastSeq: 1000, commentCount: 1000 });
    });
  });

  describe.skipIf(skip)("WordPress theme unit test data", () => {
    const site = "https://wpthemetestdata.wordpress.com";

    it("imports approved and pending comments, skips pingbacks and trackbacks, keeps depth", async () => {
      const summary = await runImport({
        store: store(),
        reader: wordpressReader(themeData),
        rule: "id",
      });
      expect(summary).toEqual({
        articles: 7,
        comments: { published: 26, pending: 3, removed: 0 },
        existing: 0,
        skipped: { pingback: 2, trackback: 2 },
        notes: {},
      });
      // "Comment Depth 10" sits nine replies below "Comment Depth 01".
      const comments = await allComments(store(), "1148");
      const byId = new Map(comments.map((c) => [c.id, c]));
      const deepest = comments.find((c) => c.body.startsWith("Comment Depth 10"));
      let depth = 0;
      for (let c = deepest; c?.parentId; c = byId.get(c.parentId)) depth++;
      expect(depth).toBe(9);
      expect(deepest?.body).toBe("Comment Depth 10\n\nAlso an author comment.");
      expect(byId.get(wpId(site, 904))?.body).toBe("Comment Depth 01");
      expect(await store().getArticle("1148")).toMatchObject({ title: "Template: Comments" });
    });

    it("turns comment HTML into faithful plain text", async () => {
      const comments = await allComments(store(), "1148");
      const anonymous = comments.find((c) => c.body.startsWith("This user it trying"));
      expect(anonymous?.body).toContain(
        "They used a fake email, so there should be no Gravatar (https://gravatar.com//) associated with it.",
      );
      expect(anonymous?.body).not.toMatch(/<[a-z]/i);
      const markup = comments.find((c) => c.body.startsWith("Headings"));
      expect(markup?.body).toMatch(/^Headings\n\nHeader one\n\nHeader two\n/);
      expect(markup?.body).toContain("The HTML <blockquote> Element");
      expect(markup?.body).not.toMatch(/<\/?(p|h1|strong|table|a)\b/);
    });

    it("keeps unapproved comments pending, shown to no reader", async () => {
      const pending = (await allComments(store(), "1148")).filter((c) => c.status === "pending");
      expect(pending.length).toBeGreaterThan(0);
      const { changes } = await store().listChanges({
        articleId: "1148",
        after: 0,
        limit: 500,
        viewer: { userId: null, moderator: false },
      });
      expect(changes.some((c) => c.status === "pending")).toBe(false);
    });
  });

  describe.skipIf(skip)("Disqus export (hand-written to Disqus's layout)", () => {
    it("keeps threads, makes deleted parents removed placeholders, skips spam", async () => {
      const summary = await runImport({ store: store(), reader: disqusReader(disqus), rule: "id" });
      expect(summary).toEqual({
        articles: 1,
        comments: { published: 3, pending: 0, removed: 1 },
        existing: 0,
        skipped: {
          spam: 1,
          "deleted without replies": 1,
          "post of a thread not in the file": 1,
        },
        notes: {},
      });
      expect(await store().getArticle("post-17")).toMatchObject({
        title: 'Bridge reopens after "two long years"',
        url: "https://bugle.example/2021/03/bridge-reopens/",
        commentCount: 3,
      });
      const id = (n: number) => derivedId("imp", `disqus:dailybugle:${n}`);
      const comments = await allComments(store(), "post-17");
      expect(comments.map((c) => [c.id, c.parentId, c.status])).toEqual([
        [id(7001), null, "published"],
        [id(7002), id(7001), "removed"],
        [id(7003), id(7002), "published"],
        [id(7006), null, "published"],
      ]);
      expect(comments[0]).toMatchObject({
        body: "Finally! I cross it every day.\n\nSecond paragraph & a map (https://example.org/map).",
        createdAt: "2021-03-01T09:00:00.000Z",
        author: { name: "Ann Reader" },
      });
      expect(comments[1]?.body).toBe("");
      expect(comments[2]?.body).toBe("Replying to the deleted one: it was fine.\nReally.");
      const again = await runImport({ store: store(), reader: disqusReader(disqus), rule: "id" });
      expect(again).toMatchObject({ articles: 0, existing: 4 });
    });
  });
});

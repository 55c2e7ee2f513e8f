/**
 * Disqus XML export reader. Disqus lists every <thread> first, then every <post> of every thread
 * in one flat sequence, so posts are spooled to a temporary SQLite file (better-sqlite3, already a
 * dependency) and read back thread by thread: memory stays bounded by the largest thread, and the
 * whole file is parsed before anything is written, so a malformed file changes nothing at all.
 * Mapping: <isSpam> true -> skipped; <isDeleted> true -> a removed placeholder when it has kept
 * replies, else skipped; the thread's <id> (the site's disqus_identifier) is the article-id rule's
 * `id`, its <link> and <title> the article's page.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { htmlToText } from "./html-to-text.js";
import type { SourceArticle, SourceComment, SourceReader } from "./source.js";
import { ImportError } from "./source.js";
import { child, text, type XNode, xmlRecords } from "./xml-records.js";

const truthy = (s: string) => s.toLowerCase() === "true" || s === "1";

function isoDate(value: string): string | null {
  const ms = Date.parse(value);
  return value && !Number.isNaN(ms) ? new Date(ms).toISOString() : null;
}

function toComment(post: XNode): SourceComment {
  const id = post.attrs["id"] ?? "";
  if (!id) throw new ImportError("a <post> has no dsq:id", post.line);
  const author = child(post, "author");
  const email = (author && text(author, "email").toLowerCase()) || null;
  const username = (author && text(author, "username")) || "";
  const name = (author && text(author, "name")) || username;
  const createdAt = isoDate(text(post, "createdAt"));
  const parent = child(post, "parent")?.attrs["id"] ?? "";
  const approved = child(post, "isApproved");
  return {
    sourceId: id,
    parentSourceId: parent && parent !== "0" ? parent : null,
    authorKey: username ? `user:${username}` : email ? `email:${email}` : `name:${name}`,
    authorName: name,
    authorEmail: email,
    createdAt: createdAt ?? "",
    body: htmlToText(child(post, "message")?.text ?? ""),
    status: truthy(text(post, "isDeleted"))
      ? "deleted"
      : approved && !truthy(approved.text.trim())
        ? "pending"
        : "published",
    skip: truthy(text(post, "isSpam")) ? "spam" : createdAt ? null : "no valid date",
    score: 0,
  };
}

/** Reads a Disqus export; `onBytes` reports progress of the parsing pass. */
export function disqusReader(path: string, onBytes?: (bytes: number) => void): SourceReader {
  const skippedOutside = new Map<string, number>();
  let forum = "";
  return {
    format: "disqus",
    skippedOutside,
    site: () => forum || "disqus",
    async *articles() {
      const dir = mkdtempSync(join(tmpdir(), "parley-disqus-"));
      const spool = new Database(join(dir, "spool.db"));
      try {
        spool.pragma("journal_mode = OFF");
        spool.pragma("synchronous = OFF");
        spool.exec(`CREATE TABLE threads (dsq_id TEXT PRIMARY KEY, json TEXT NOT NULL);
          CREATE TABLE posts (thread TEXT NOT NULL, json TEXT NOT NULL);
          CREATE INDEX posts_thread ON posts (thread);`);
        const addThread = spool.prepare<[string, string]>(
          `INSERT INTO threads (dsq_id, json) VALUES (?, ?) ON CONFLICT DO NOTHING`,
        );
        const addPost = spool.prepare<[string, string]>(`INSERT INTO posts VALUES (?, ?)`);
        let sawRecord = false;
        const records = xmlRecords(path, {
          recordDepth: 2,
          records: new Set(["thread", "post"]),
          ...(onBytes ? { onBytes } : {}),
        });
        spool.exec("BEGIN");
        for await (const node of records) {
          sawRecord = true;
          if (node.name === "thread") {
            const id = node.attrs["id"];
            if (!id) throw new ImportError("a <thread> has no dsq:id", node.line);
            forum ||= text(node, "forum");
            const article: SourceArticle = {
              postId: text(node, "id") || id,
              slug: null,
              url: text(node, "link") || null,
              title: text(node, "title") || null,
              line: node.line,
              comments: [],
            };
            addThread.run(id, JSON.stringify(article));
          } else {
            const thread = child(node, "thread")?.attrs["id"];
            if (!thread) throw new ImportError("a <post> has no <thread dsq:id>", node.line);
            addPost.run(thread, JSON.stringify(toComment(node)));
          }
        }
        spool.exec("COMMIT");
        if (!sawRecord) throw new ImportError("no Disqus export here (no <thread>, no <post>)");
        const orphans = spool
          .prepare<[], { n: number }>(
            `SELECT count(*) AS n FROM posts WHERE thread NOT IN (SELECT dsq_id FROM threads)`,
          )
          .get()!.n;
        if (orphans > 0) skippedOutside.set("post of a thread not in the file", orphans);
        const threads = spool.prepare<[], { dsq_id: string; json: string }>(
          `SELECT dsq_id, json FROM threads ORDER BY rowid`,
        );
        const posts = spool.prepare<[string], { json: string }>(
          `SELECT json FROM posts WHERE thread = ? ORDER BY rowid`,
        );
        for (const row of threads.all()) {
          const article = JSON.parse(row.json) as SourceArticle;
          article.comments = posts.all(row.dsq_id).map((p) => JSON.parse(p.json) as SourceComment);
          if (article.comments.length > 0) yield article;
        }
      } finally {
        spool.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

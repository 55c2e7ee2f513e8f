/**
 * WordPress WXR (1.0 to 1.2) reader: every <item> (post, page, any type) with comments is an
 * article; its <wp:comment>s keep threading, GMT dates, author and status. Mapping:
 *   comment_approved 1 -> published, 0 -> pending, spam / trash / post-trashed -> skipped;
 *   comment_type pingback / trackback -> skipped; wpDiscuz's `wpdiscuz_votes` meta -> score.
 */
import { htmlToText } from "./html-to-text.js";
import type { SourceArticle, SourceComment, SourceReader } from "./source.js";
import { ImportError } from "./source.js";
import { child, text, type XNode, xmlRecords } from "./xml-records.js";

/** `2019-05-02 10:00:00` (GMT) -> ISO; null for WordPress's zero date or garbage. */
function wpDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m || m[1] === "0000") return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** wpDiscuz keeps likes minus dislikes in `wpdiscuz_votes`; older versions only the pair. */
function wpdiscuzScore(comment: XNode): number {
  let separate: number | null = null;
  for (const meta of comment.children) {
    if (meta.name !== "commentmeta") continue;
    const key = text(meta, "meta_key");
    const value = text(meta, "meta_value");
    if (key === "wpdiscuz_votes" && /^-?\d{1,9}$/.test(value)) return Number(value);
    if (key === "wpdiscuz_votes_seperate") {
      const like = /"like";i:(\d{1,9})/.exec(value);
      const dislike = /"dislike";i:(\d{1,9})/.exec(value);
      separate = Number(like?.[1] ?? 0) - Number(dislike?.[1] ?? 0);
    }
  }
  return separate ?? 0;
}

function skipReason(approved: string, type: string): string | null {
  if (type === "pingback") return "pingback";
  if (type === "trackback") return "trackback";
  if (approved === "spam") return "spam";
  if (approved === "trash" || approved === "post-trashed") return "trash";
  return null;
}

function toComment(node: XNode, fallbackDate: string | null): SourceComment {
  const id = text(node, "comment_id");
  if (!/^\d{1,20}$/.test(id)) throw new ImportError(`a comment has no comment_id`, node.line);
  const parent = text(node, "comment_parent");
  const email = text(node, "comment_author_email").toLowerCase() || null;
  const userId = text(node, "comment_user_id");
  const name = text(node, "comment_author");
  const createdAt =
    wpDate(text(node, "comment_date_gmt")) ?? wpDate(text(node, "comment_date")) ?? fallbackDate;
  const approved = text(node, "comment_approved");
  const skip =
    skipReason(approved, text(node, "comment_type")) ?? (createdAt ? null : "no valid date");
  return {
    sourceId: id,
    parentSourceId: parent && parent !== "0" ? parent : null,
    // A registered WordPress user is one person whatever name they typed; others by address.
    authorKey:
      userId && userId !== "0" ? `user:${userId}` : email ? `email:${email}` : `name:${name}`,
    authorName: name,
    authorEmail: email,
    createdAt: createdAt ?? "",
    body: htmlToText(child(node, "comment_content")?.text ?? ""),
    status: approved === "1" || approved === "approve" ? "published" : "pending",
    skip,
    score: wpdiscuzScore(node),
  };
}

function toArticle(item: XNode): SourceArticle {
  const postDate = wpDate(text(item, "post_date_gmt")) ?? wpDate(text(item, "post_date"));
  return {
    postId: text(item, "post_id") || null,
    slug: text(item, "post_name") || null,
    url: text(item, "link") || null,
    title: text(item, "title") || null,
    line: item.line,
    comments: item.children.filter((c) => c.name === "comment").map((c) => toComment(c, postDate)),
  };
}

/** Reads a WXR file; `onBytes` reports progress. */
export function wordpressReader(path: string, onBytes?: (bytes: number) => void): SourceReader {
  const headers = new Map<string, string>();
  return {
    format: "wordpress",
    skippedOutside: new Map(),
    site: () => headers.get("base_blog_url") || headers.get("link") || "site",
    async *articles() {
      const records = xmlRecords(
        path,
        {
          recordDepth: 3,
          records: new Set(["item"]),
          ignoreText: new Set(["encoded", "description"]),
          ...(onBytes ? { onBytes } : {}),
        },
        headers,
      );
      let sawChannel = false;
      for await (const item of records) {
        sawChannel = true;
        yield toArticle(item);
      }
      if (!sawChannel && !headers.has("wxr_version")) {
        throw new ImportError("no WordPress export here (no <wp:wxr_version>, no <item>)");
      }
    },
  };
}

/**
 * Runs one import: reads source articles one at a time, maps each to a batch for
 * Store.importArticle (one transaction per article) and counts what happened. Ids are derived
 * from the source ids, so a second run finds every comment and user already there.
 */
import { createHash } from "node:crypto";
import { limits } from "../../shared/limits.js";
import { hasControlChars } from "../../shared/schemas.js";
import type { ImportedArticle, ImportedComment, ImportedUser } from "../store/import-store.js";
import type { Store } from "../store/store.js";
import { articleIdFor, type ArticleIdRule } from "./article-id.js";
import { decodeEntities } from "./html-to-text.js";
import type { SourceArticle, SourceComment, SourceReader } from "./source.js";

/** What an import did, printed at the end. */
export interface ImportSummary {
  articles: number;
  comments: { published: number; pending: number; removed: number };
  /** Comments found already imported (a second run). */
  existing: number;
  skipped: Record<string, number>;
  /** Notes that changed nothing's presence, e.g. bodies cut to the 5000-character limit. */
  notes: Record<string, number>;
}

export interface ImportOptions {
  store: Store;
  reader: SourceReader;
  rule: ArticleIdRule;
  /** Told after each article is written. */
  onArticle?: (summary: ImportSummary) => void;
}

/** A stable opaque id for a source thing: `<prefix>_` + 20 URL-safe characters of its hash. */
export function derivedId(prefix: string, key: string): string {
  return `${prefix}_${createHash("sha256").update(key).digest("base64url").slice(0, 20)}`;
}

function count(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/**
 * `s` cut to at most `max` UTF-16 units (the unit the contract's limits count), never inside a
 * character, with `tail` appended when anything was cut.
 */
export function cutTo(s: string, max: number, tail = ""): string {
  if (s.length <= max) return s;
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length + tail.length > max) break;
    out += ch;
  }
  return out + tail;
}

/** A display name Parley accepts: entities decoded, no control characters, 1 to 50 characters. */
function cleanName(name: string): string {
  const cleaned = [...decodeEntities(name)]
    .filter((ch) => !hasControlChars(ch))
    .join("")
    .trim();
  return cutTo(cleaned, limits.nameMaxChars).trim() || "Anonymous";
}

/**
 * The comments to write, parents first: skipped ones dropped (their replies move up to the nearest
 * kept ancestor), deleted ones kept as removed placeholders only above a kept reply.
 */
function plan(
  comments: SourceComment[],
  summary: ImportSummary,
): { ordered: SourceComment[]; parents: Map<string, string | null> } {
  const byId = new Map(comments.map((c) => [c.sourceId, c]));
  const keptParent = new Map<string, string | null>();
  const resolve = (c: SourceComment): string | null => {
    // Walk up through skipped ancestors; a loop or a missing parent makes a root.
    let parentId = c.parentSourceId;
    const seen = new Set([c.sourceId]);
    while (parentId !== null) {
      const parent = byId.get(parentId);
      if (!parent || seen.has(parentId)) return null;
      if (parent.skip === null) return parentId;
      seen.add(parentId);
      parentId = parent.parentSourceId;
    }
    return null;
  };
  for (const c of comments) if (c.skip === null) keptParent.set(c.sourceId, resolve(c));
  // A deleted comment stays (removed) only if some live comment descends from it.
  const needed = new Set<string>();
  for (const c of comments) {
    if (c.skip !== null || c.status === "deleted") continue;
    for (let p = keptParent.get(c.sourceId) ?? null; p !== null && !needed.has(p);) {
      needed.add(p);
      p = keptParent.get(p) ?? null;
    }
  }
  for (const c of comments) {
    if (c.skip !== null) count(summary.skipped, c.skip);
    else if (c.status === "deleted" && !needed.has(c.sourceId)) {
      count(summary.skipped, "deleted without replies");
    }
  }
  const kept = comments.filter(
    (c) => c.skip === null && (c.status !== "deleted" || needed.has(c.sourceId)),
  );
  // Oldest first gives the import's seqs (and so "oldest"/"newest") the original order; a reply
  // dated before its parent (clock skew) still waits for it.
  kept.sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.sourceId.localeCompare(b.sourceId),
  );
  const ordered: SourceComment[] = [];
  const placed = new Set<string>();
  const waiting = new Map<string, SourceComment[]>();
  const place = (c: SourceComment) => {
    ordered.push(c);
    placed.add(c.sourceId);
    for (const r of waiting.get(c.sourceId) ?? []) place(r);
    waiting.delete(c.sourceId);
  };
  for (const c of kept) {
    const p = keptParent.get(c.sourceId) ?? null;
    if (p === null || placed.has(p)) place(c);
    else waiting.set(p, [...(waiting.get(p) ?? []), c]);
  }
  return { ordered, parents: keptParent };
}

function batch(
  reader: SourceReader,
  source: SourceArticle,
  articleId: string,
  summary: ImportSummary,
): ImportedArticle | null {
  const { ordered, parents } = plan(source.comments, summary);
  if (ordered.length === 0) return null;
  const site = reader.site();
  const sourceId = (id: string) => `${reader.format}:${site}:${id}`;
  const commentId = (id: string) => derivedId("imp", sourceId(id));
  const users = new Map<string, ImportedUser>();
  const comments: ImportedComment[] = ordered.map((c) => {
    const authorId = derivedId("impu", `${reader.format}:${site}:${c.authorKey}`);
    if (!users.has(authorId)) {
      users.set(authorId, {
        id: authorId,
        handle: null,
        name: cleanName(c.authorName),
        email: null,
        importedEmail: c.authorEmail,
        avatarUrl: null,
        role: "guest",
        createdAt: c.createdAt,
        externalId: null,
        claimsIat: 0,
      });
    }
    let body = c.body.replaceAll("\u0000", "").trim();
    if (body.length > limits.bodyMaxChars) {
      body = cutTo(body, limits.bodyMaxChars, "…");
      count(summary.notes, "bodies cut to 5000 characters");
    }
    const status = c.status === "deleted" ? "removed" : c.status;
    const removed = status === "removed";
    if (!removed && body === "") count(summary.notes, "empty bodies kept as [no text]");
    const parent = parents.get(c.sourceId) ?? null;
    return {
      id: commentId(c.sourceId),
      sourceId: sourceId(c.sourceId),
      parentId: parent === null ? null : commentId(parent),
      authorId,
      body: removed ? "" : body || "[no text]",
      status,
      createdAt: c.createdAt,
      editedAt: null,
      editedBy: null,
      score: c.score,
    };
  });
  const title = source.title === null ? null : decodeEntities(source.title);
  return { articleId, title, url: source.url, users: [...users.values()], comments };
}

export function emptySummary(): ImportSummary {
  return {
    articles: 0,
    comments: { published: 0, pending: 0, removed: 0 },
    existing: 0,
    skipped: {},
    notes: {},
  };
}

/** Imports everything the reader gives; throws ImportError (with a line) on a malformed file. */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const { store, reader, rule } = options;
  const summary = emptySummary();
  for await (const source of reader.articles()) {
    const live = source.comments.filter((c) => c.skip === null).length;
    const articleId = articleIdFor(rule, source);
    if (articleId === null) {
      if (live > 0) count(summary.skipped, `article without a usable ${rule}`, live);
      continue;
    }
    const next = batch(reader, source, articleId, summary);
    if (next === null) continue;
    const result = await store.importArticle(next);
    const created = new Set(result.createdIds);
    summary.existing += result.existing;
    if (created.size > 0) summary.articles++;
    for (const c of next.comments) if (created.has(c.id)) summary.comments[c.status]++;
    options.onArticle?.(summary);
  }
  for (const [reason, n] of reader.skippedOutside) count(summary.skipped, reason, n);
  return summary;
}

/**
 * Writes the whole store as one Parley export document (parley-format.ts), page by page: one
 * article's comments at a time in memory, whatever the store's size.
 */
import type { ExportedComment, ExportedUser } from "../store/import-store.js";
import type { ArticleRecord, Store } from "../store/store.js";
import type {
  ExportedArticleJson,
  ExportedCommentJson,
  ExportedUserJson,
} from "./parley-format.js";

const pageSize = 500;

/** Where the document goes; resolves when the chunk may be followed by the next. */
export type Write = (chunk: string) => Promise<void>;

function commentJson(c: ExportedComment): ExportedCommentJson {
  return {
    id: c.id,
    parentId: c.parentId,
    body: c.body,
    status: c.status,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    editedBy: c.editedBy,
    score: c.score,
    sourceId: c.sourceId,
    author: { id: c.author.id, name: c.author.name, handle: c.author.handle },
  };
}

function userJson(u: ExportedUser): ExportedUserJson {
  return {
    id: u.id,
    handle: u.handle,
    name: u.name,
    role: u.role,
    avatarUrl: u.avatarUrl,
    createdAt: u.createdAt,
    email: u.email,
    importedEmail: u.importedEmail,
    externalId: u.externalId,
    claimsIat: u.claimsIat,
  };
}

function articleHead(a: ArticleRecord): Omit<ExportedArticleJson, "comments"> {
  return {
    id: a.articleId,
    title: a.title,
    url: a.url,
    closed: a.closedAt !== null,
    closedAt: a.closedAt,
    moderation: a.moderation,
  };
}

/** Writes `{ version: 1, articles: [...], users: [...] }`, one article or user per line. */
export async function writeExport(
  store: Store,
  write: Write,
): Promise<{ articles: number; comments: number; users: number }> {
  const counts = { articles: 0, comments: 0, users: 0 };
  await write('{"version":1,"articles":[');
  for (let after: string | null = null; ;) {
    const articles = await store.exportArticles(after, pageSize);
    for (const a of articles) {
      const head = JSON.stringify(articleHead(a));
      await write(`${counts.articles++ ? "," : ""}\n${head.slice(0, -1)},"comments":[`);
      let n = 0;
      for (let seq = 0; ;) {
        const comments = await store.exportComments(a.articleId, seq, pageSize);
        for (const c of comments)
          await write(`${n++ ? "," : ""}\n${JSON.stringify(commentJson(c))}`);
        counts.comments += comments.length;
        if (comments.length < pageSize) break;
        seq = comments[comments.length - 1]!.createdSeq;
      }
      await write("]}");
    }
    if (articles.length < pageSize) break;
    after = articles[articles.length - 1]!.articleId;
  }
  await write('\n],"users":[');
  for (let after: string | null = null; ;) {
    const users = await store.exportUsers(after, pageSize);
    for (const u of users)
      await write(`${counts.users++ ? "," : ""}\n${JSON.stringify(userJson(u))}`);
    if (users.length < pageSize) break;
    after = users[users.length - 1]!.id;
  }
  await write("\n]}\n");
  return counts;
}

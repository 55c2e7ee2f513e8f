/**
 * SQLite side of the import/export port (see import-store.ts). An article's batch is one
 * synchronous transaction: the write lock is held from the first seq to the commit, so a server
 * posting to the same database meanwhile waits (busy_timeout) and then takes the seqs after ours.
 */
import type Database from "better-sqlite3";
import { AppError } from "../../core/app-error.js";
import type {
  ExportedComment,
  ExportedUser,
  ImportArticleResult,
  ImportedArticle,
  ImportedUser,
  ImportStore,
} from "../import-store.js";
import {
  type ExportedCommentRow,
  type ExportedUserRow,
  guestNumber,
  toExportedComment,
  toExportedUser,
} from "../import-rows.js";
import { type ArticleRow, commentColumns, toArticle } from "../rows.js";
import type { ArticleRecord } from "../store.js";

function prepare(db: Database.Database) {
  return {
    ensureArticle: db.prepare<[string, string]>(
      `INSERT INTO articles (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    getArticle: db.prepare<[string], ArticleRow>(`SELECT * FROM articles WHERE id = ?`),
    claimPage: db.prepare<[string | null, string | null, string]>(
      `UPDATE articles SET title = coalesce(?, title), url = ? WHERE id = ? AND url IS NULL`,
    ),
    setModeration: db.prepare<[string | null, string]>(
      `UPDATE articles SET moderation = ? WHERE id = ?`,
    ),
    setClosedAt: db.prepare<[string | null, string]>(
      `UPDATE articles SET closed_at = ? WHERE id = ?`,
    ),
    finishArticle: db.prepare<[number, number, string]>(
      `UPDATE articles SET last_seq = ?, comment_count = comment_count + ? WHERE id = ?`,
    ),
    userExists: db.prepare<[string], { id: string }>(`SELECT id FROM users WHERE id = ?`),
    externalOwner: db.prepare<[string], { id: string }>(
      `SELECT id FROM users WHERE external_id = ?`,
    ),
    handleOwner: db.prepare<[string], { id: string }>(`SELECT id FROM users WHERE handle = ?`),
    nextGuestNumber: db.prepare<[], { value: number }>(
      `UPDATE counters SET value = value + 1 WHERE name = 'guest_handle' RETURNING value`,
    ),
    raiseGuestCounter: db.prepare<[number]>(
      `UPDATE counters SET value = max(value, ?) WHERE name = 'guest_handle'`,
    ),
    insertUser: db.prepare<[Record<string, string | number | null>]>(
      `INSERT INTO users (id, handle, name, email, imported_email, avatar_url, role, created_at,
         external_id, claims_iat)
       VALUES (@id, @handle, @name, @email, @imported_email, @avatar_url, @role, @created_at,
         @external_id, @claims_iat)`,
    ),
    replaceUser: db.prepare<[Record<string, string | number | null>]>(
      `UPDATE users SET name = @name, email = @email, imported_email = @imported_email,
         avatar_url = @avatar_url, role = @role, created_at = @created_at,
         external_id = coalesce(@external_id, external_id),
         claims_iat = max(claims_iat, @claims_iat) WHERE id = @id`,
    ),
    commentExists: db.prepare<[string, string | null], { id: string }>(
      `SELECT id FROM comments WHERE id = ? OR source_id = ?`,
    ),
    parentOf: db.prepare<[string], { article_id: string; root_id: string | null }>(
      `SELECT article_id, root_id FROM comments WHERE id = ?`,
    ),
    insertComment: db.prepare<[Record<string, string | number | null>]>(
      `INSERT INTO comments (id, article_id, parent_id, root_id, author_id, body, status, seq,
         created_seq, created_at, edited_at, edited_by, score, source_id)
       VALUES (@id, @article_id, @parent_id, @root_id, @author_id, @body, @status, @seq, @seq,
         @created_at, @edited_at, @edited_by, @score, @source_id)`,
    ),
    adjustReplyCount: db.prepare<[string]>(
      `UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?`,
    ),
    exportArticles: db.prepare<[string | null, string | null, number], ArticleRow>(
      `SELECT * FROM articles WHERE ? IS NULL OR id > ? ORDER BY id LIMIT ?`,
    ),
    exportComments: db.prepare<[string, number, number], ExportedCommentRow>(
      `SELECT ${commentColumns}, c.source_id FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.article_id = ? AND c.created_seq > ? ORDER BY c.created_seq LIMIT ?`,
    ),
    exportUsers: db.prepare<[string | null, string | null, number], ExportedUserRow>(
      `SELECT * FROM users WHERE ? IS NULL OR id > ? ORDER BY id LIMIT ?`,
    ),
  };
}

/** The import/export half of the SQLite store, prepared once the schema exists. */
export function createSqliteImport(db: Database.Database): ImportStore {
  const s = prepare(db);

  /** A free handle: the one asked for when nobody else has it, else a new guest_<n>. */
  const handleFor = (user: ImportedUser): string => {
    const wanted = user.handle;
    if (wanted !== null && !s.handleOwner.get(wanted)) {
      const n = guestNumber(wanted);
      // A new guest must never be handed an imported guest's number.
      if (n !== null) s.raiseGuestCounter.run(n);
      return wanted;
    }
    return `guest_${s.nextGuestNumber.get()!.value}`;
  };

  /** The user's external id unless another user of this store holds it already. */
  const freeExternalId = (user: ImportedUser): string | null => {
    if (user.externalId === null) return null;
    const owner = s.externalOwner.get(user.externalId);
    return owner && owner.id !== user.id ? null : user.externalId;
  };

  const userRow = (user: ImportedUser, handle: string | null) => ({
    id: user.id,
    handle,
    name: user.name,
    email: user.email,
    imported_email: user.importedEmail,
    avatar_url: user.avatarUrl,
    role: user.role,
    created_at: user.createdAt,
    external_id: freeExternalId(user),
    claims_iat: user.claimsIat,
  });

  const addUser = (user: ImportedUser, replace: boolean) => {
    if (s.userExists.get(user.id)) {
      if (replace) s.replaceUser.run(userRow(user, null));
      return;
    }
    s.insertUser.run(userRow(user, handleFor(user)));
  };

  const importTx = db.transaction((batch: ImportedArticle): ImportArticleResult => {
    const { articleId } = batch;
    s.ensureArticle.run(articleId, new Date().toISOString());
    if (batch.url !== null || batch.title !== null)
      s.claimPage.run(batch.title, batch.url, articleId);
    if (batch.moderation !== undefined) s.setModeration.run(batch.moderation, articleId);
    if (batch.closedAt !== undefined) s.setClosedAt.run(batch.closedAt, articleId);
    for (const user of batch.users) addUser(user, false);
    let seq = Number(s.getArticle.get(articleId)!.last_seq);
    let published = 0;
    let existing = 0;
    const createdIds: string[] = [];
    for (const c of batch.comments) {
      if (s.commentExists.get(c.id, c.sourceId)) {
        existing++;
        continue;
      }
      let rootId: string | null = null;
      if (c.parentId !== null) {
        const parent = s.parentOf.get(c.parentId);
        if (!parent || parent.article_id !== articleId) {
          throw new AppError("not_found", `Comment ${c.id} replies to ${c.parentId}, not found`);
        }
        rootId = parent.root_id ?? c.parentId;
      }
      seq++;
      s.insertComment.run({
        id: c.id,
        article_id: articleId,
        parent_id: c.parentId,
        root_id: rootId,
        author_id: c.authorId,
        body: c.status === "removed" ? "" : c.body,
        status: c.status,
        seq,
        created_at: c.createdAt,
        edited_at: c.editedAt,
        edited_by: c.editedBy,
        score: c.score,
        source_id: c.sourceId,
      });
      if (c.status === "published") {
        published++;
        if (c.parentId !== null) s.adjustReplyCount.run(c.parentId);
      }
      createdIds.push(c.id);
    }
    s.finishArticle.run(seq, published, articleId);
    return { article: toArticle(articleId, s.getArticle.get(articleId)), createdIds, existing };
  });

  const usersTx = db.transaction((users: ImportedUser[]) => {
    for (const user of users) addUser(user, true);
  });

  return {
    // The executor turns a throw (AppError not_found) into a rejection, as the port promises.
    importArticle: (batch) => new Promise((resolve) => resolve(importTx(batch))),
    importUsers: (users) => new Promise((resolve) => resolve(usersTx(users))),
    exportArticles: (after, limit): Promise<ArticleRecord[]> =>
      Promise.resolve(s.exportArticles.all(after, after, limit).map((r) => toArticle(r.id, r))),
    exportComments: (articleId, after, limit): Promise<ExportedComment[]> =>
      Promise.resolve(s.exportComments.all(articleId, after, limit).map(toExportedComment)),
    exportUsers: (after, limit): Promise<ExportedUser[]> =>
      Promise.resolve(s.exportUsers.all(after, after, limit).map(toExportedUser)),
  };
}

/**
 * PostgreSQL side of the import/export port (see import-store.ts), answering as sqlite-import.ts
 * does. An article's batch is one transaction that first takes the article's row lock, the same
 * lock every post takes with its seq bump: instances posting meanwhile wait, then take the seqs
 * after ours, and a reader's catch-up sees the imported comments like any others.
 */
import { AppError } from "../../core/app-error.js";
import type { ImportedArticle, ImportedUser, ImportStore } from "../import-store.js";
import {
  type ExportedCommentRow,
  type ExportedUserRow,
  guestNumber,
  toExportedComment,
  toExportedUser,
} from "../import-rows.js";
import { type ArticleRow, commentColumns, toArticle } from "../rows.js";
import type { Db, Queryable } from "./postgres-db.js";

const importSql = {
  ensureArticle: `INSERT INTO articles (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
  lockArticle: `SELECT * FROM articles WHERE id = $1 FOR UPDATE`,
  claimPage: `UPDATE articles SET title = coalesce($2, title), url = $3
    WHERE id = $1 AND url IS NULL`,
  setModeration: `UPDATE articles SET moderation = $2 WHERE id = $1`,
  setClosedAt: `UPDATE articles SET closed_at = $2 WHERE id = $1`,
  finishArticle: `UPDATE articles SET last_seq = $2, comment_count = comment_count + $3
    WHERE id = $1 RETURNING *`,
  userExists: `SELECT id FROM users WHERE id = $1`,
  externalOwner: `SELECT id FROM users WHERE external_id = $1`,
  handleOwner: `SELECT id FROM users WHERE handle = $1`,
  nextGuestHandle: `SELECT 'guest_' || nextval('guest_handle_seq') AS handle`,
  /** Moves the sequence past $1 so no new guest is handed an imported guest's number. */
  raiseGuestSeq: `SELECT setval('guest_handle_seq',
    GREATEST($1::bigint, (SELECT last_value FROM guest_handle_seq)))`,
  insertUser: `INSERT INTO users (id, handle, name, email, imported_email, avatar_url, role,
      created_at, external_id, claims_iat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (id) DO NOTHING`,
  replaceUser: `UPDATE users SET name = $2, email = $3, imported_email = $4, avatar_url = $5,
      role = $6, created_at = $7, external_id = coalesce($8, external_id),
      claims_iat = GREATEST(claims_iat, $9) WHERE id = $1`,
  commentExists: `SELECT id FROM comments WHERE id = $1 OR source_id = $2`,
  parentOf: `SELECT article_id, root_id FROM comments WHERE id = $1`,
  insertComment: `INSERT INTO comments (id, article_id, parent_id, root_id, author_id, body,
      status, seq, created_seq, created_at, edited_at, edited_by, score, source_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13)`,
  adjustReplyCount: `UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1`,
  exportArticles: `SELECT * FROM articles WHERE $1::text IS NULL OR id COLLATE "C" > $1
    ORDER BY id COLLATE "C" LIMIT $2`,
  exportComments: `SELECT ${commentColumns}, c.source_id
    FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.article_id = $1 AND c.created_seq > $2 ORDER BY c.created_seq LIMIT $3`,
  exportUsers: `SELECT * FROM users WHERE $1::text IS NULL OR id COLLATE "C" > $1
    ORDER BY id COLLATE "C" LIMIT $2`,
} as const;

/** A free handle: the one asked for when nobody else has it, else a new guest_<n>. */
async function handleFor(tx: Queryable, user: ImportedUser): Promise<string> {
  if (user.handle !== null) {
    const [owner] = await tx.query(importSql.handleOwner, [user.handle]);
    if (!owner) {
      const n = guestNumber(user.handle);
      if (n !== null) await tx.query(importSql.raiseGuestSeq, [n]);
      return user.handle;
    }
  }
  const [row] = await tx.query<{ handle: string }>(importSql.nextGuestHandle);
  return row!.handle;
}

/** The user's external id unless another user of this store holds it already. */
async function freeExternalId(tx: Queryable, user: ImportedUser): Promise<string | null> {
  if (user.externalId === null) return null;
  const [owner] = await tx.query<{ id: string }>(importSql.externalOwner, [user.externalId]);
  return owner && owner.id !== user.id ? null : user.externalId;
}

async function addUser(tx: Queryable, user: ImportedUser, replace: boolean): Promise<void> {
  const [exists] = await tx.query(importSql.userExists, [user.id]);
  const fields = [
    user.name,
    user.email,
    user.importedEmail,
    user.avatarUrl,
    user.role,
    user.createdAt,
    await freeExternalId(tx, user),
    user.claimsIat,
  ];
  if (exists) {
    if (replace) await tx.query(importSql.replaceUser, [user.id, ...fields]);
    return;
  }
  await tx.query(importSql.insertUser, [user.id, await handleFor(tx, user), ...fields]);
}

/** See ImportStore.importArticle. */
function importArticle(db: Db, batch: ImportedArticle) {
  const { articleId } = batch;
  return db.transaction(async (tx) => {
    await tx.query(importSql.ensureArticle, [articleId, new Date().toISOString()]);
    const [locked] = await tx.query<ArticleRow>(importSql.lockArticle, [articleId]);
    if (batch.url !== null || batch.title !== null)
      await tx.query(importSql.claimPage, [articleId, batch.title, batch.url]);
    if (batch.moderation !== undefined) {
      await tx.query(importSql.setModeration, [articleId, batch.moderation]);
    }
    if (batch.closedAt !== undefined) {
      await tx.query(importSql.setClosedAt, [articleId, batch.closedAt]);
    }
    for (const user of batch.users) await addUser(tx, user, false);
    let seq = Number(locked!.last_seq);
    let published = 0;
    let existing = 0;
    const createdIds: string[] = [];
    for (const c of batch.comments) {
      const [found] = await tx.query(importSql.commentExists, [c.id, c.sourceId]);
      if (found) {
        existing++;
        continue;
      }
      let rootId: string | null = null;
      if (c.parentId !== null) {
        const [parent] = await tx.query<{ article_id: string; root_id: string | null }>(
          importSql.parentOf,
          [c.parentId],
        );
        if (!parent || parent.article_id !== articleId) {
          throw new AppError("not_found", `Comment ${c.id} replies to ${c.parentId}, not found`);
        }
        rootId = parent.root_id ?? c.parentId;
      }
      seq++;
      await tx.query(importSql.insertComment, [
        c.id,
        articleId,
        c.parentId,
        rootId,
        c.authorId,
        c.status === "removed" ? "" : c.body,
        c.status,
        seq,
        c.createdAt,
        c.editedAt,
        c.editedBy,
        c.score,
        c.sourceId,
      ]);
      if (c.status === "published") {
        published++;
        if (c.parentId !== null) await tx.query(importSql.adjustReplyCount, [c.parentId]);
      }
      createdIds.push(c.id);
    }
    const [article] = await tx.query<ArticleRow>(importSql.finishArticle, [
      articleId,
      seq,
      published,
    ]);
    return { article: toArticle(articleId, article), createdIds, existing };
  });
}

/** The import/export half of the PostgreSQL store. */
export function createPostgresImport(db: Db): ImportStore {
  return {
    importArticle: (batch) => importArticle(db, batch),
    importUsers: (users) =>
      db.transaction(async (tx) => {
        for (const user of users) await addUser(tx, user, true);
      }),
    exportArticles: async (after, limit) =>
      (await db.query<ArticleRow>(importSql.exportArticles, [after, limit])).map((r) =>
        toArticle(r.id, r),
      ),
    exportComments: async (articleId, after, limit) =>
      (await db.query<ExportedCommentRow>(importSql.exportComments, [articleId, after, limit])).map(
        toExportedComment,
      ),
    exportUsers: async (after, limit) =>
      (await db.query<ExportedUserRow>(importSql.exportUsers, [after, limit])).map(toExportedUser),
  };
}

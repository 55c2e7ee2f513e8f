/** Row mapping shared by both stores' import and export statements. */
import type { ExportedComment, ExportedUser } from "./import-store.js";
import { type CommentRow, toComment, toUser, type UserRow } from "./rows.js";

export interface ExportedCommentRow extends CommentRow {
  source_id: string | null;
}

export interface ExportedUserRow extends UserRow {
  imported_email: string | null;
  external_id: string | null;
  claims_iat: number | string;
}

export function toExportedComment(row: ExportedCommentRow): ExportedComment {
  return { ...toComment(row), sourceId: row.source_id };
}

export function toExportedUser(row: ExportedUserRow): ExportedUser {
  return {
    ...toUser(row),
    importedEmail: row.imported_email,
    externalId: row.external_id,
    claimsIat: Number(row.claims_iat),
  };
}

/** The number of a guest_<n> handle, so the guest counter can be moved past imported ones. */
export function guestNumber(handle: string | null): number | null {
  const match = handle === null ? null : /^guest_(\d{1,15})$/.exec(handle);
  return match ? Number(match[1]) : null;
}

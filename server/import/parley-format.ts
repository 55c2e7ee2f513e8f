/**
 * Parley's own export format, version 1 (docs/import.md#export-format): what `npm run export`
 * writes and `npm run import -- parley` reads. The contract's fields (protocol.md v1.1) plus what a
 * faithful round trip needs. Never tokens or secrets; users' addresses and host user ids are
 * included (the operator's full export is personal data: keep it as you keep the database).
 */
import { z } from "zod";
import { articleIdSchema, commentStatusSchema, roleSchema } from "../../shared/schemas.js";

const iso = z.string().min(1).max(40);
const id = z.string().min(1).max(128);

export const exportedCommentSchema = z.object({
  id,
  parentId: id.nullable(),
  body: z.string().max(20_000),
  status: commentStatusSchema,
  createdAt: iso,
  editedAt: iso.nullable(),
  /** Who made the last edit; absent in exports made before it was kept. */
  editedBy: z.enum(["author", "moderator"]).nullable().default(null),
  score: z.number().int(),
  /** Where an imported comment came from (`wordpress:<site>:<id>`); null for Parley's own. */
  sourceId: z.string().max(1000).nullable(),
  author: z.object({ id, name: z.string().min(1).max(200), handle: z.string().min(1).max(100) }),
});

export const exportedArticleSchema = z.object({
  id: articleIdSchema,
  title: z.string().max(2000).nullable(),
  url: z.string().max(4000).nullable(),
  closed: z.boolean(),
  closedAt: iso.nullable(),
  moderation: z.enum(["post", "pre"]).nullable(),
  comments: z.array(exportedCommentSchema),
});

export const exportedUserSchema = z.object({
  id,
  handle: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  role: roleSchema,
  avatarUrl: z.string().max(4000).nullable(),
  createdAt: iso,
  /** A confirmed address as Parley held it. */
  email: z.string().max(320).nullable(),
  /** An address found in a WordPress or Disqus export, never mailed. */
  importedEmail: z.string().max(320).nullable(),
  /**
   * A host (single sign-on) user's `sub`: never published, but needed so the same person signing
   * in after a move finds their account. Personal data. Absent in older exports.
   */
  externalId: z.string().min(1).max(200).nullable().default(null),
  /** The iat (seconds) of the host token the user's claims came from; 0 when none. */
  claimsIat: z.number().int().min(0).default(0),
});

export const parleyExportSchema = z.object({
  version: z.literal(1),
  articles: z.array(exportedArticleSchema),
  users: z.array(exportedUserSchema),
});

export type ExportedArticleJson = z.infer<typeof exportedArticleSchema>;
export type ExportedCommentJson = z.infer<typeof exportedCommentSchema>;
export type ExportedUserJson = z.infer<typeof exportedUserSchema>;

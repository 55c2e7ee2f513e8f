/**
 * Reads a Parley export (parley-format.ts) back into a store: every article with its comments
 * (same ids, times, statuses, scores, source ids), then every user as it was. The document is
 * read whole and validated before anything is written, so a bad file changes nothing; the
 * WordPress and Disqus imports are the streaming ones (their files come from elsewhere and big).
 */
import { readFile } from "node:fs/promises";
import type { ImportedUser } from "../store/import-store.js";
import type { Store } from "../store/store.js";
import { emptySummary, type ImportSummary } from "./import.runner.js";
import { type ExportedUserJson, parleyExportSchema } from "./parley-format.js";
import { ImportError } from "./source.js";

function importedUser(u: ExportedUserJson): ImportedUser {
  return { ...u };
}

export async function importParley(store: Store, path: string): Promise<ImportSummary> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ImportError(`not a JSON document: ${(error as Error).message}`);
  }
  const parsed = parleyExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(
      `not a Parley export (version 1): ${issue.path.join(".")}: ${issue.message}`,
    );
  }
  const doc = parsed.data;
  const users = new Map(doc.users.map((u) => [u.id, u]));
  const summary = emptySummary();
  for (const a of doc.articles) {
    // Authors first as the users section has them (created only when absent).
    const authors = new Map<string, ImportedUser>();
    for (const c of a.comments) {
      const full = users.get(c.author.id);
      authors.set(
        c.author.id,
        full
          ? importedUser(full)
          : {
              ...c.author,
              email: null,
              importedEmail: null,
              avatarUrl: null,
              role: "guest",
              createdAt: c.createdAt,
              externalId: null,
              claimsIat: 0,
            },
      );
    }
    const result = await store.importArticle({
      articleId: a.id,
      title: a.title,
      url: a.url,
      moderation: a.moderation,
      closedAt: a.closedAt,
      users: [...authors.values()],
      comments: a.comments.map((c) => ({
        id: c.id,
        sourceId: c.sourceId,
        parentId: c.parentId,
        authorId: c.author.id,
        body: c.body,
        status: c.status,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
        editedBy: c.editedBy,
        score: c.score,
      })),
    });
    const created = new Set(result.createdIds);
    summary.existing += result.existing;
    if (created.size > 0) summary.articles++;
    for (const c of a.comments) if (created.has(c.id)) summary.comments[c.status]++;
  }
  // Users who wrote nothing, and every user's full record (role, avatar, addresses).
  for (let i = 0; i < doc.users.length; i += 500) {
    await store.importUsers(doc.users.slice(i, i + 500).map(importedUser));
  }
  return summary;
}

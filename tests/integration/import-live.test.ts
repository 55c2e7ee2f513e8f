/**
 * An import while the server runs on the same database: the imported comments take the article's
 * next seqs, so a reader connected meanwhile catches up with `GET /changes?after=` (and
 * `article:join` with `after`) exactly as after any post, and the next post takes the seq after.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../server/import/import.runner.js";
import { wordpressReader } from "../../server/import/wordpress.reader.js";
import { createPostgresStore } from "../../server/store/postgres/postgres-store.js";
import { createSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import type { Store } from "../../server/store/store.js";
import type { Comment } from "../../shared/schemas.js";
import { api, connect, guest, request } from "../helpers/clients.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postgresAvailable, requireService } from "../helpers/services.js";

const pgReady = await requireService("PostgreSQL", postgresAvailable);

const comment = (id: number, parent: number, date: string, body: string) => `<wp:comment>
<wp:comment_id>${id}</wp:comment_id><wp:comment_author>Old Reader ${id}</wp:comment_author>
<wp:comment_date_gmt>${date}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[${body}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent>
</wp:comment>`;

const wxr = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/"><channel>
<wp:wxr_version>1.1</wp:wxr_version><link>https://live.example</link>
<item><title>Live import</title><link>https://live.example/live-import/</link><wp:post_id>9</wp:post_id>
${comment(1, 0, "2022-02-01 10:00:00", "<p>Three years ago</p>")}
${comment(2, 1, "2022-02-01 11:00:00", "A reply<br/>on two lines")}
${comment(3, 0, "2022-02-02 10:00:00", "Another root")}
</item></channel></rss>
`;

describe.each([
  { kind: "sqlite", skip: false },
  { kind: "postgres", skip: !pgReady },
])("import while the server runs ($kind)", ({ kind, skip }) => {
  let dir: string;
  let pg: TestDatabase | undefined;
  let server: TestServer;
  let importer: Store;
  beforeAll(async () => {
    if (skip) return;
    dir = await mkdtemp(join(tmpdir(), "parley-live-import-"));
    await writeFile(join(dir, "export.xml"), wxr);
    let databaseUrl: string;
    if (kind === "postgres") {
      pg = await createTestDatabase();
      databaseUrl = pg.url;
    } else databaseUrl = `sqlite:${join(dir, "parley.db")}`;
    server = await startTestServer({ databaseUrl });
    // The import's own connection to the same database, as `npm run import` opens.
    importer =
      kind === "postgres"
        ? createPostgresStore(pg!.url)
        : createSqliteStore(join(dir, "parley.db"));
    await importer.migrate();
  });
  afterAll(async () => {
    await importer?.close();
    await server?.stop();
    await pg?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)(
    "a connected reader catches up on imported comments; the next post follows them",
    async () => {
      const author = await guest(server.url, "Live");
      const post = (body: string) =>
        api(server.url, "POST", "/api/articles/live-import/comments", {
          token: author.token,
          body: { body },
        });
      const first = (await post("posted live before the import")).json.comment as Comment;
      const reader = await connect(server.url);
      try {
        const joined = await request(reader, "article:join", { articleId: "live-import" });
        expect(joined).toMatchObject({ ok: true, lastSeq: first.seq });
        // An anonymous first page read now is cached; the import must not leave it stale.
        const page = "/api/articles/live-import/comments?sort=oldest";
        expect((await api(server.url, "GET", page)).json.commentCount).toBe(1);

        const summary = await runImport({
          store: importer,
          reader: wordpressReader(join(dir, "export.xml")),
          rule: "path",
        });
        expect(summary.comments.published).toBe(3);

        const changes = await api(
          server.url,
          "GET",
          `/api/articles/live-import/changes?after=${first.seq}`,
        );
        expect(changes.status).toBe(200);
        const imported = changes.json.changes as Comment[];
        expect(imported.map((c) => [c.seq, c.body, c.createdAt])).toEqual([
          [first.seq + 1, "Three years ago", "2022-02-01T10:00:00.000Z"],
          [first.seq + 2, "A reply\non two lines", "2022-02-01T11:00:00.000Z"],
          [first.seq + 3, "Another root", "2022-02-02T10:00:00.000Z"],
        ]);
        expect(imported[1]?.parentId).toBe(imported[0]?.id);
        expect(changes.json.lastSeq).toBe(first.seq + 3);

        const rejoined = await request(reader, "article:join", {
          articleId: "live-import",
          after: first.seq,
        });
        expect((rejoined.changes as Comment[]).map((c) => c.id)).toEqual(imported.map((c) => c.id));
        expect(rejoined.commentCount).toBe(4);
        const threads = (await api(server.url, "GET", page)).json as {
          commentCount: number;
          threads: unknown[];
        };
        expect(threads).toMatchObject({ commentCount: 4 });
        expect(threads.threads).toHaveLength(3);

        const next = (await post("posted live after the import")).json.comment as Comment;
        expect(next.seq).toBe(first.seq + 4);
      } finally {
        reader.close();
      }
    },
  );
});

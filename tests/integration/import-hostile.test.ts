/**
 * Hostile import files: truncated, wrongly encoded, entity bombs, not XML at all, and a 100,000
 * comment export imported by the real command in a child process with a small heap, whose peak
 * heap must stay under a stated figure. Each stops with the line where it broke, and the article
 * being written is left as it was.
 */
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../server/import/import.runner.js";
import { ImportError } from "../../server/import/source.js";
import { wordpressReader } from "../../server/import/wordpress.reader.js";
import { disqusReader } from "../../server/import/disqus.reader.js";
import { importFixture, openSqlite, type OpenedStore, repoRoot } from "../helpers/import-stores.js";

const run = promisify(execFile);

/** The peak heap the importer may reach on the 100,000-comment file (measured: about 42 MB). */
const heapBoundBytes = 56 * 1024 * 1024;

let dir: string;
let opened: OpenedStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-hostile-"));
  opened = await openSqlite();
});
afterAll(async () => {
  await opened?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function importError(file: string, format: "wordpress" | "disqus" = "wordpress") {
  const reader = format === "wordpress" ? wordpressReader(file) : disqusReader(file);
  const error: unknown = await runImport({ store: opened.store, reader, rule: "id" }).then(
    () => new Error("the import succeeded"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const wxr = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://hostile.example</wp:base_blog_url>
${items}
</channel></rss>
`;

const item = (postId: number, body: string) => `<item><title>Post ${postId}</title>
<link>https://hostile.example/p${postId}/</link><wp:post_id>${postId}</wp:post_id>
<wp:comment><wp:comment_id>${postId}01</wp:comment_id><wp:comment_author>A</wp:comment_author>
<wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[${body}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
</wp:comment></item>`;

describe("hostile import files", () => {
  it("stops a truncated file at its last line, keeping articles before it and not the cut one", async () => {
    const whole = await readFile(importFixture("themeunittestdata.wordpress.xml"), "utf8");
    const cut = whole.indexOf("Comment Depth 05");
    const file = join(dir, "truncated.xml");
    await writeFile(file, whole.slice(0, cut));
    const error = await importError(file);
    const lines = whole.slice(0, cut).split("\n").length;
    expect(error.line).toBe(lines);
    expect(error.message).toMatch(new RegExp(`^line ${lines}: `));
    // Items before the cut were written whole; the one being read when the file ended was not.
    expect((await opened.store.getArticle("155")).commentCount).toBe(3);
    expect((await opened.store.getArticle("1148")).lastSeq).toBe(0);
  });

  it("refuses bytes that are not UTF-8, naming the line", async () => {
    const file = join(dir, "latin1.xml");
    const text = wxr(item(501, "fine") + "\n" + item(502, "caf\u0000"));
    const bytes = Buffer.from(text, "utf8");
    // The NUL placeholder becomes a lone 0xE9: "café" as Latin-1 wrote it.
    bytes[bytes.indexOf(0)] = 0xe9;
    await writeFile(file, bytes);
    const error = await importError(file);
    expect(error.message).toMatch(/not valid UTF-8/);
    expect(error.line).toBe(text.slice(0, text.indexOf("caf")).split("\n").length);
    expect((await opened.store.getArticle("502")).lastSeq).toBe(0);
  });

  it("refuses a file that declares another encoding, saying how to convert it", async () => {
    const file = join(dir, "declared.xml");
    await writeFile(file, wxr(item(601, "x")).replace("UTF-8", "ISO-8859-1"));
    const error = await importError(file);
    expect(error.message).toMatch(/^line 1: .*ISO-8859-1.*iconv/);
    expect((await opened.store.getArticle("601")).lastSeq).toBe(0);
  });

  it("refuses a billion-laughs file at its DOCTYPE, without expanding anything", async () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join("\n");
    const file = join(dir, "laughs.xml");
    await writeFile(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n` +
        wxr(item(701, "&lol9;")).replace(/^<\?xml[^>]*>\n/, ""),
    );
    const error = await importError(file);
    expect(error.message).toMatch(/DOCTYPE is not accepted/);
    expect((await opened.store.getArticle("701")).lastSeq).toBe(0);
  });

  it("refuses an undeclared entity and a file that is not XML", async () => {
    const file = join(dir, "entity.xml");
    await writeFile(file, wxr(item(801, "x").replace("<title>Post 801", "<title>&nbsp;Post")));
    expect((await importError(file)).message).toMatch(/^line 4: undefined entity/);
    const json = join(dir, "export.json");
    await writeFile(json, '{"version":1,"articles":[],"users":[]}');
    expect((await importError(json)).line).toBe(1);
    expect((await importError(json, "disqus")).line).toBe(1);
  });

  it("cuts an over-long body and name to the contract's limits, and says so", async () => {
    const file = join(dir, "long.xml");
    const long = item(901, "word ".repeat(1500)).replace(
      "<wp:comment_author>A</wp:comment_author>",
      `<wp:comment_author>${"😀".repeat(40)} &amp; co</wp:comment_author>`,
    );
    await writeFile(file, wxr(long));
    const summary = await runImport({
      store: opened.store,
      reader: wordpressReader(file),
      rule: "id",
    });
    expect(summary.notes).toEqual({ "bodies cut to 5000 characters": 1 });
    const [comment] = await opened.store.exportComments("901", 0, 10);
    expect(comment!.body.length).toBeLessThanOrEqual(5000);
    expect(comment!.body.endsWith("…")).toBe(true);
    expect(comment!.author.name.length).toBeLessThanOrEqual(50);
    expect(comment!.author.name).toBe("😀".repeat(25));
  });

  it("imports 100,000 comments with the real command in bounded memory", async () => {
    const file = join(dir, "big.xml");
    await writeBigExport(file, 100, 1000);
    const store = await openSqlite();
    try {
      const { stdout } = await run(
        process.execPath,
        [
          "--max-old-space-size=64",
          "--import",
          "tsx",
          join(repoRoot, "server/import/import.cli.ts"),
          "wordpress",
          file,
          "--article-id=slug",
          "--json",
          "--quiet",
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: store.databaseUrl },
          timeout: 240_000,
        },
      );
      const result = JSON.parse(stdout) as {
        articles: number;
        comments: { published: number };
        peakHeapBytes: number;
      };
      expect(result.articles).toBe(100);
      expect(result.comments.published).toBe(100_000);
      expect(result.peakHeapBytes).toBeLessThan(heapBoundBytes);
      expect(await store.store.getArticle("post-100")).toMatchObject({ commentCount: 1000 });
    } finally {
      await store.dispose();
    }
  }, 300_000);
});

/** A WXR file of `posts` posts with `perPost` comments each, a third of them roots. */
async function writeBigExport(path: string, posts: number, perPost: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
  await write(wxr("").replace(/\n<\/channel><\/rss>\n$/, "\n"));
  let id = 0;
  for (let p = 1; p <= posts; p++) {
    await write(`<item><title>Post ${p}</title><link>https://big.example/post-${p}/</link>
<wp:post_id>${p}</wp:post_id><wp:post_name>post-${p}</wp:post_name>\n`);
    for (let c = 0; c < perPost; c++) {
      id++;
      const parent = c % 3 === 0 ? 0 : id - 1;
      const second = String(c % 60).padStart(2, "0");
      await write(
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 5000}]]></wp:comment_author>` +
          `<wp:comment_author_email>r${id % 5000}@example.org</wp:comment_author_email>` +
          `<wp:comment_date_gmt>2020-01-01 00:${String(Math.floor(c / 60) % 60).padStart(2, "0")}:${second}</wp:comment_date_gmt>` +
          `<wp:comment_content><![CDATA[<p>Comment ${id}, about as long as people write them, with a <a href="https://example.org/${id}">link</a>.</p>]]></wp:comment_content>` +
          `<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>` +
          `<wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`,
      );
    }
    await write("</item>\n");
  }
  await write("</channel></rss>\n");
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

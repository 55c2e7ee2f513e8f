/**
 * What every import reader hands the runner: one source article at a time with its comments in
 * plain text, already mapped to Parley's statuses or marked skipped with a reason.
 */

/** A failure tied to a place in the file: the import stops and says where. */
export class ImportError extends Error {
  override name = "ImportError";
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
  }
}

/** One comment as found in the source. */
export interface SourceComment {
  /** The source's own id, unique within the source site (WordPress comment_ID, Disqus post id). */
  sourceId: string;
  parentSourceId: string | null;
  /** Identifies the author within the source: same key, same imported user. */
  authorKey: string;
  authorName: string;
  authorEmail: string | null;
  createdAt: string;
  /** Plain text. */
  body: string;
  /** `deleted`: kept as a removed placeholder only when it has replies that are kept. */
  status: "published" | "pending" | "deleted";
  /** Set when the comment is not imported: the reason, counted in the summary. */
  skip: string | null;
  score: number;
}

/** One article as found in the source, with what each article-id rule needs. */
export interface SourceArticle {
  /** The source's id of the post or thread (WordPress post id, Disqus identifier). */
  postId: string | null;
  slug: string | null;
  url: string | null;
  title: string | null;
  /** Line of the file where the article began, for messages. */
  line: number;
  comments: SourceComment[];
}

/** A reader: the source's site key (part of every source id) and its articles, in file order. */
export interface SourceReader {
  /** Which format, part of every source id: `wordpress`, `disqus`. */
  readonly format: string;
  articles(): AsyncGenerator<SourceArticle>;
  /** Identifies the exporting site (known once reading has begun). */
  site(): string;
  /** Skips found outside any article (e.g. Disqus posts of an unknown thread). */
  readonly skippedOutside: Map<string, number>;
}

/** Sizes fixed by the wire contract; the server enforces them and the embed uses them for its form. */
export const limits = {
  /** Comment body, in characters after trimming. */
  bodyMaxChars: 5000,
  /** Display name, in characters after trimming. */
  nameMaxChars: 50,
  /** clientKey length bounds, in characters. */
  clientKeyMinChars: 8,
  clientKeyMaxChars: 64,
  /** Any HTTP request body, in bytes. */
  httpBodyMaxBytes: 64 * 1024,
  /** Page size of thread listings. */
  threadsDefaultLimit: 20,
  threadsMaxLimit: 100,
  /** Page size of catch-up (`changes`) answers. */
  changesDefaultLimit: 500,
  changesMaxLimit: 500,
  /** Replies shown under each thread of a threads page; the rest come from the replies endpoint. */
  threadRepliesLimit: 10,
  /** Page size of the replies endpoint (`GET /api/comments/:id/replies`). */
  repliesDefaultLimit: 50,
  repliesMaxLimit: 100,
  /** No response body of the API exceeds this many bytes (pages are cut early to stay under). */
  responseMaxBytes: 256 * 1024,
  notificationsDefaultLimit: 50,
  notificationsMaxLimit: 100,
  /** Editors' picks: comments a moderator may pin to the top of one article at once. */
  pinsPerArticle: 3,
} as const;

/**
 * Article ids as the contract allows them, except `.` and `..`: in a URL path those are dot
 * segments that fetch() and proxies collapse, so `/api/articles/../comments` would reach another
 * route than the one meant.
 */
export const articleIdPattern = /^(?!\.\.?$)[A-Za-z0-9._~:-]{1,128}$/;

/** What an article id must look like, for error messages. */
export const articleIdRule = "must match ^[A-Za-z0-9._~:-]{1,128}$ and not be . or ..";

/**
 * Response compression for JSON answers, and the shared-cache headers of anonymous first pages.
 * Hand-rolled rather than `hono/compress`, which offers gzip and deflate only: brotli makes a
 * first page about a fifth smaller again than gzip, and the cached page is compressed once.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";

export type Encoding = "br" | "gzip" | "identity";

/** Below this a compressed answer saves less than its headers and the CPU cost. */
export const COMPRESS_THRESHOLD = 1024;

/** br when accepted (q > 0), else gzip, else identity; `*` counts for both. */
function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return "identity";
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get("*") ?? 0) > 0;
  if (accepted("br")) return "br";
  if (accepted("gzip")) return "gzip";
  return "identity";
}

const brotliOptions = (body: string) => ({
  params: {
    // Quality 5: near the size of 11 at a fraction of its CPU, for the uncached pages.
    [constants.BROTLI_PARAM_QUALITY]: 5,
    [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
  },
});

function compress(body: string, encoding: "br" | "gzip"): Buffer {
  return encoding === "br" ? brotliCompressSync(body, brotliOptions(body)) : gzipSync(body);
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One JSON body and its encoded variants, each made at most once. */
export class EncodedBody {
  private readonly variants = new Map<"br" | "gzip", Buffer>();
  constructor(readonly json: string) {}

  /**
   * Both variants made up front in zlib's thread pool: a large text (a 1.7 MB script) would
   * otherwise hold the event loop for half a second the first time it is asked for.
   */
  static async precompressed(text: string): Promise<EncodedBody> {
    const body = new EncodedBody(text);
    const [br, gz] = await Promise.all([brotliAsync(text, brotliOptions(text)), gzipAsync(text)]);
    body.variants.set("br", br);
    body.variants.set("gzip", gz);
    return body;
  }

  /** The variant for this Accept-Encoding; identity below the threshold. */
  for(acceptEncoding: string | undefined): { encoding: Encoding; body: string | Buffer } {
    const encoding = chooseEncoding(acceptEncoding);
    if (encoding === "identity" || Buffer.byteLength(this.json) < COMPRESS_THRESHOLD) {
      return { encoding: "identity", body: this.json };
    }
    let body = this.variants.get(encoding);
    if (!body) {
      body = compress(this.json, encoding);
      this.variants.set(encoding, body);
    }
    return { encoding, body };
  }
}

/**
 * A weak ETag of a page: its lastSeq for the reader's eye, and a hash of what it says (all but
 * `serverTime`), because votes change a page without taking a seq.
 */
export function pageEtag(lastSeq: number, ...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\n");
  return `W/"${lastSeq}-${hash.digest("base64url").slice(0, 22)}"`;
}

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === opaque);
}

/**
 * Compresses the JSON answers of the API above the threshold, as the client asks. A route that
 * encodes its own answer (the first page, from its cached variants) sets Content-Encoding and is
 * left alone; static files come precompressed and Socket.IO does not pass through Hono.
 */
export const compressJson: MiddlewareHandler = async function compressJson(c, next) {
  await next();
  const res = c.res;
  // Not res.body: reading it makes @hono/node-server build a web stream for every answer.
  if (res.headers.has("content-encoding") || res.status === 204 || res.status === 304) return;
  if (!/^application\/json/i.test(res.headers.get("content-type") ?? "")) return;
  res.headers.append("Vary", "Accept-Encoding");
  const encoding = chooseEncoding(c.req.header("accept-encoding"));
  if (encoding === "identity") return;
  const text = await res.text();
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  const long = Buffer.byteLength(text) >= COMPRESS_THRESHOLD;
  if (long) headers.set("Content-Encoding", encoding);
  // Unset first: Hono's setter would copy the old answer's headers over the new ones.
  c.res = undefined;
  c.res = new Response(long ? new Uint8Array(compress(text, encoding)) : text, {
    status: res.status,
    headers,
  });
};

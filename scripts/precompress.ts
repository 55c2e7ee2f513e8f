/**
 * Writes `.br` and `.gz` copies of the built client next to each file, once at build time, so the
 * server hands browsers the embed compressed (about 35 KB instead of 110 KB) without compressing
 * on every request. Usage: `tsx scripts/precompress.ts dist/client`.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { parseScriptArgs } from "../server/cli/cli-command.js";

/** Text assets worth compressing; images other than SVG are compressed already. */
const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json"]);
/** Below this many bytes the compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

export function precompress(dir: string): string[] {
  const written: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      written.push(...precompress(path));
      continue;
    }
    if (!COMPRESSIBLE.has(extname(entry.name)) || statSync(path).size < MIN_BYTES) continue;
    const source = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    written.push(path);
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const usage = "usage: tsx scripts/precompress.ts DIR";
  const { positionals } = parseScriptArgs(usage, {
    args: process.argv.slice(2),
    options: {},
    allowPositionals: true,
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  const files = precompress(dir);
  process.stdout.write(`precompressed ${files.length} files under ${dir}\n`);
}

/**
 * Streams an XML file as small trees, one per "record" element (a WordPress <item>, a Disqus
 * <thread> or <post>), so a file of any size is read in memory bounded by its largest record.
 * saxes is a non-validating parser: it never reads a DTD, and we refuse any DOCTYPE outright, so
 * entity expansion attacks (billion laughs, external entities) cannot happen. Bytes must be UTF-8:
 * an invalid byte stops the import with its line instead of becoming U+FFFD silently.
 */
import { createReadStream } from "node:fs";
import { SaxesParser } from "saxes";
import { ImportError } from "./source.js";

/** An element with its local name (prefix dropped), attributes, text and children. */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XNode[];
  line: number;
}

export interface RecordOptions {
  /** Depth of record elements: 1 is the root element. */
  recordDepth: number;
  /** Local names of records; other elements at that depth are headers or ignored. */
  records: ReadonlySet<string>;
  /** Elements whose text is not needed (post bodies): not kept, to save memory. */
  ignoreText?: ReadonlySet<string>;
  /** Told of the bytes read so far after each chunk. */
  onBytes?: (bytes: number) => void;
}

/** Drops a namespace prefix: `wp:comment` -> `comment`, `dsq:id` -> `id`. */
function local(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/** First child named `name`, or undefined. */
export function child(node: XNode, name: string): XNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** Trimmed text of the first child named `name` ("" when absent). */
export function text(node: XNode, name: string): string {
  return child(node, name)?.text.trim() ?? "";
}

/** Reads `path`; yields each record, plus headers: text of non-record elements above records. */
export async function* xmlRecords(
  path: string,
  options: RecordOptions,
  headers: Map<string, string> = new Map(),
): AsyncGenerator<XNode> {
  const parser = new SaxesParser({ position: true });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const stack: XNode[] = [];
  const ready: XNode[] = [];
  // Set by the parser's callbacks, checked after each write (an object: TS does not see callbacks).
  const state: { failure: ImportError | null } = { failure: null };
  let depth = 0;
  let header: { name: string; text: string } | null = null;
  let sawRoot = false;

  parser.on("error", (e) => {
    state.failure ??= new ImportError(
      e.message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, ""),
      parser.line,
    );
  });
  parser.on("doctype", () => {
    state.failure ??= new ImportError(
      "a DOCTYPE is not accepted (no entity declarations)",
      parser.line,
    );
  });
  parser.on("xmldecl", (decl) => {
    const encoding = decl.encoding?.toLowerCase();
    if (encoding && encoding !== "utf-8" && encoding !== "utf8") {
      state.failure ??= new ImportError(
        `the file declares encoding ${decl.encoding}; convert it to UTF-8 first (iconv -f ${decl.encoding} -t UTF-8)`,
        parser.line,
      );
    }
  });
  parser.on("opentag", (tag) => {
    depth++;
    sawRoot = true;
    const name = local(tag.name);
    if (stack.length > 0 || (depth === options.recordDepth && options.records.has(name))) {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = String(v);
      const node: XNode = { name, attrs, text: "", children: [], line: parser.line };
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    } else if (depth <= options.recordDepth) {
      header = { name, text: "" };
    }
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) {
      if (!options.ignoreText?.has(top.name)) top.text += t;
    } else if (header) header.text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    depth--;
    const node = stack.pop();
    if (node && stack.length === 0) ready.push(node);
    if (!node && header) {
      if (!headers.has(header.name)) headers.set(header.name, header.text.trim());
      header = null;
    }
  });

  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let decoded: string;
      try {
        decoded = decoder.decode(chunk, { stream: true });
      } catch {
        // The parser has read everything before this chunk; count the lines up to the bad byte.
        const lenient = new TextDecoder("utf-8").decode(chunk);
        const before = lenient.slice(0, Math.max(0, lenient.indexOf("\ufffd")));
        const line = parser.line + (before.match(/\n/g)?.length ?? 0);
        throw new ImportError("the file is not valid UTF-8", line);
      }
      parser.write(decoded);
      if (state.failure) throw state.failure;
      bytes += chunk.length;
      options.onBytes?.(bytes);
      while (ready.length > 0) yield ready.shift()!;
    }
    try {
      decoder.decode();
    } catch {
      throw new ImportError("the file ends inside a UTF-8 character", parser.line);
    }
    parser.close();
    if (state.failure) throw state.failure;
    if (!sawRoot) throw new ImportError("the file holds no XML element", parser.line);
    while (ready.length > 0) yield ready.shift()!;
  } finally {
    stream.destroy();
  }
}

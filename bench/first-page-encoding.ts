/**
 * By-hand measure for perf item 7: bytes and req/s of an anonymous first page (20 threads of
 * ~500-character comments, ~12 KB of JSON) asked for with no Accept-Encoding, gzip and br.
 * The server runs here; autocannon runs as its own process so the two do not share an event loop.
 * `npx tsx bench/first-page-encoding.ts [seconds]`
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { request } from "node:http";
import { api, guest } from "../tests/helpers/clients.js";
import { startTestServer } from "../tests/helpers/server.js";

const seconds = Number(process.argv[2] ?? 10);
const server = await startTestServer();
const path = "/api/articles/bench-first-page/comments";
const { token } = await guest(server.url);
// Words drawn at random (seeded), so the text compresses like prose rather than like a repeat.
const words = (
  "the council said on monday that its plan for the new bridge would cost more than expected " +
  "residents who live near river were not asked before work began and many of them now worry " +
  "about traffic noise while others welcome faster route into town centre this spring budget"
).split(" ");
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (let i = 0; i < 25; i++) {
  const body = Array.from({ length: 85 }, () => words[Math.floor(random() * words.length)]);
  await api(server.url, "POST", path, { token, body: { body: body.join(" ") } });
}

function fetchRaw(headers: Record<string, string>): Promise<{ size: number; etag: string }> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { headers }, (res) => {
      let n = 0;
      res.on("data", (chunk: Buffer) => (n += chunk.length));
      res.on("end", () => resolve({ size: n, etag: String(res.headers.etag) }));
    })
      .on("error", reject)
      .end();
  });
}

const { etag } = await fetchRaw({});
const variants: [string, Record<string, string>][] = [
  ["identity", {}],
  ["gzip", { "accept-encoding": "gzip" }],
  ["br, gzip", { "accept-encoding": "br, gzip" }],
  // A CDN revalidating: 304 with no body.
  ["if-none-match", { "accept-encoding": "br, gzip", "if-none-match": etag }],
];
for (const [name, headers] of variants) {
  const { size } = await fetchRaw(headers);
  const args = ["autocannon", "-j", "-c", "50", "-d", String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}=${v}`);
  const { stdout: out } = await promisify(execFile)("npx", [...args, `${server.url}${path}`]);
  const result = JSON.parse(out) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    "2xx": number;
  };
  console.log(
    `${name}\t${size} B/page\t${Math.round(result.requests.average)} req/s\tp99 ${result.latency.p99} ms\t2xx ${result["2xx"]} non2xx ${result.non2xx}`,
  );
}
await server.stop();

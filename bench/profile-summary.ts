/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) as text: self time by function and by package,
 * so a bench run can say what the hot path spends its time on without opening DevTools.
 *
 * Profile Parley under a bench scenario, then summarise:
 *   BENCH_PARLEY_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/parley-prof" \
 *     npx tsx bench/run.ts --quick --only=e
 *   npx tsx bench/profile-summary.ts /tmp/parley-prof/*.cpuprofile
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (`node_modules/<pkg>`), or its path inside the project. */
function owner(url: string): string {
  if (!url) return "(native/V8)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith("node:")) return url;
  const inProject = /\/(dist|server|shared|bench)\/(.*)$/.exec(url);
  return inProject ? `${inProject[1]}/${inProject[2]}` : url;
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
}

function summarise(path: string): void {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === "(idle)") idle += us;
    const where = frame.url ? `${owner(frame.url)}:${frame.lineNumber + 1}` : "";
    const fn = `${frame.functionName || "(anonymous)"} ${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byOwner.set(owner(frame.url), (byOwner.get(owner(frame.url)) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (and the packages they call into).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url.includes("node_modules") || !/\/(dist|server|shared)\//.test(frame.url))
        continue;
      const fn = `${frame.functionName || "(anonymous)"} ${owner(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
    }
  }
  const busy = total - idle;
  console.log(
    `\n${path}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy`,
  );
  console.log("\nself time by package (share of all samples):");
  console.log(top(byOwner, total, 15).join("\n"));
  console.log("\nself time by function:");
  console.log(top(byFunction, total, 30).join("\n"));
  console.log("\ninclusive time of Parley's own functions:");
  console.log(top(inclusive, total, 30).join("\n"));
}

for (const path of process.argv.slice(2)) summarise(path);

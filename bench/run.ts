/**
 * `npm run bench [-- --quick] [--only=a,b,c,d,e,f] [--reps=N] [--parley=dist|tsx|off] [--targets=parley,bare]`
 *
 * Runs every scenario against Parley and against the bare Socket.IO ceiling in the same run,
 * alternating which goes first on each repetition so drift on a noisy machine hits both, then
 * prints Parley / ceiling per figure (medians over the repetitions) and writes every raw figure
 * to bench/results/<time>-<mode>.json. Never part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import * as z from "zod/mini";
import { parseScriptArgs } from "../server/cli/cli-command.js";
import { rowSpecs } from "./report/rows.js";
import { scaleRowSpecs } from "./report/scale-rows.js";
import { buildRows, type Figures, renderTable, type RunLog } from "./report/summary.js";
import { type FanoutSpec, type FanoutTiming, runFanout } from "./scenarios/fanout.scenario.js";
import { runAttack } from "./scenarios/attack.scenario.js";
import { runHttp } from "./scenarios/http.scenario.js";
import { runIdleMemory } from "./scenarios/idle-memory.scenario.js";
import { isScale, runScale, scaleHasCeiling } from "./scenarios/scale.scenario.js";
import {
  killAllServers,
  type ParleyMode,
  parleyEntry,
  type TargetKind,
} from "./servers/targets.js";

interface Mode {
  name: "quick" | "full";
  reps: number;
  warmupMs: number;
  measureMs: number;
  idleReaders: number;
  httpSeconds: number;
}

const modes: Record<Mode["name"], Mode> = {
  // Quick: one repetition, short phases and 4,000 idle readers, to finish in under 2 minutes.
  quick: {
    name: "quick",
    reps: 1,
    warmupMs: 500,
    measureMs: 3_000,
    idleReaders: 4_000,
    httpSeconds: 3,
  },
  full: {
    name: "full",
    reps: 2,
    warmupMs: 3_000,
    measureMs: 15_000,
    idleReaders: 10_000,
    httpSeconds: 10,
  },
};

/**
 * Fan-out deployments. (a), the saturating rate and (b) share one single-instance deployment and
 * one set of 2,000 connections (for (b) the readers move to 200 articles); (c) has its own.
 */
function fanoutSpecs(only: string[]): Record<string, FanoutSpec> {
  const single = [
    { key: "a", ratePerSec: 5, articles: 1 },
    { key: "sat", ratePerSec: 50, articles: 1 },
    { key: "b", ratePerSec: 50, articles: 200 },
  ].filter((p) => only.includes(p.key) || (p.key === "sat" && only.includes("a")));
  const specs: Record<string, FanoutSpec> = {};
  if (single.length > 0) {
    specs[single.map((p) => p.key).join("+")] = {
      readers: 2000,
      instances: 1,
      shared: false,
      phases: single,
    };
  }
  if (only.includes("c")) {
    specs.c = {
      readers: 2000,
      instances: 2,
      shared: true,
      phases: [{ key: "c", ratePerSec: 5, articles: 1 }],
    };
  }
  return specs;
}

interface Args {
  mode: Mode;
  only: string[];
  parley: ParleyMode | "off";
  /** `--targets=parley` or `=bare` runs one side only (for profiling, not for the report). */
  wanted: TargetKind[];
}

const usage =
  "usage: npm run bench [-- --quick] [--only=a,b,c,d,e,f,g,h,i] [--reps=N] [--parley=dist|tsx|off] [--targets=parley,bare]";

/** What the flags may hold; anything else is a usage error, not a silent default. */
const argsSchema = z.object({
  reps: z.optional(
    z.coerce.number({ error: "a whole number above 0" }).check(z.int(), z.positive()),
  ),
  only: z.array(
    z.enum(["a", "b", "c", "d", "e", "f", "g", "h", "i"], {
      error: "letters among a,b,c,d,e,f,g,h,i",
    }),
  ),
  parley: z.enum(["dist", "tsx", "off"], { error: "dist, tsx or off" }),
  targets: z.array(z.enum(["parley", "bare"], { error: "parley and/or bare" })),
});

function parseBenchArgs(argv: string[]): Args {
  const { values } = parseScriptArgs(usage, {
    args: argv,
    options: {
      quick: { type: "boolean" },
      only: { type: "string", default: "a,b,c,d,e,f" },
      reps: { type: "string" },
      parley: { type: "string", default: "dist" },
      targets: { type: "string", default: "parley,bare" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = argsSchema.safeParse({
    reps: values.reps,
    only: values.only.split(","),
    parley: values.parley,
    targets: values.targets.split(","),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`);
    console.error(`${problems.join("; ")}\n\n${usage}`);
    process.exit(2);
  }
  const mode = { ...modes[values.quick ? "quick" : "full"] };
  if (parsed.data.reps) mode.reps = parsed.data.reps;
  const { only, parley, targets } = parsed.data;
  return { mode, only, parley, wanted: targets };
}

const root = fileURLToPath(new URL("..", import.meta.url));

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds dist/ from the server sources when the build output is missing or older than them. */
function ensureBuilt(parley: ParleyMode | "off"): ParleyMode | "off" {
  if (parley !== "dist") return parley;
  if (!parleyEntry("tsx")) return parleyEntry("dist") ? "dist" : "off";
  const entry = parleyEntry("dist");
  const sources = Math.max(newest(join(root, "server")), newest(join(root, "shared")));
  if (entry && statSync(entry).mtimeMs >= sources) return "dist";
  console.log("dist/ missing or stale: building the server (tsc -p tsconfig.build.json)");
  try {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  } catch {
    // tsc still emits on type errors; whether it produced an entry point is what matters
  }
  return parleyEntry("dist") ? "dist" : "tsx";
}

function machine(): Record<string, string | number> {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
  } catch {
    // not a git checkout: the figures still stand, only unattributed
  }
  return {
    commit,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  };
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      killAllServers();
      process.exit(130);
    });
  }
  const { mode, only, parley: asked, wanted } = parseBenchArgs(process.argv.slice(2));
  const parley = ensureBuilt(asked);
  const targets: TargetKind[] = (parley === "off" ? ["bare" as const] : wanted).filter((t) =>
    wanted.includes(t),
  );
  const started = Date.now();
  console.log(
    `bench ${mode.name}: ${mode.reps} rep(s), Parley ${parley}, scenarios ${only.join(",")}`,
  );
  const log: RunLog = {};
  const record = (scenario: string, kind: TargetKind, figures: Figures): void => {
    log[scenario] ??= { parley: [], bare: [], errors: [] };
    log[scenario][kind].push(figures);
  };
  const fail = (scenario: string, kind: TargetKind, err: unknown): void => {
    log[scenario] ??= { parley: [], bare: [], errors: [] };
    const message = `${kind}: ${err instanceof Error ? err.message : String(err)}`;
    log[scenario].errors.push(message);
    console.log(`  ${scenario} ${message}`);
  };
  const timing: FanoutTiming = {
    warmupMs: mode.warmupMs,
    measureMs: mode.measureMs,
    drainMs: 60_000,
    readerWorkers: 2,
    // 50 posts/s over 10 posters: 5 a second each at the saturating rate (issue 14, item 2).
    posters: 10,
    parleyMode: parley === "off" ? "dist" : parley,
  };

  const fanouts = fanoutSpecs(only);
  const scenarios = [
    ...Object.keys(fanouts),
    ...only.filter((s) => s === "d" || s === "e" || s === "f" || isScale(s)),
  ];
  for (let rep = 0; rep < mode.reps; rep += 1) {
    // Alternate which target goes first, so warm-up and drift are shared fairly.
    const order = rep % 2 === 0 ? targets : [...targets].reverse();
    for (const scenario of scenarios) {
      for (const kind of order) {
        // (f) attacks Parley's API, which the bare ceiling does not have.
        if (scenario === "f" && kind === "bare") continue;
        if (isScale(scenario) && !scaleHasCeiling(scenario) && kind === "bare") continue;
        const t0 = Date.now();
        try {
          const spec = fanouts[scenario];
          if (spec) {
            const results = await runFanout(kind, spec, timing);
            for (const [key, figures] of Object.entries(results)) {
              const { firstFailure, ...numbers } = figures;
              if (firstFailure) fail(key, kind, new Error(`post failed: ${firstFailure}`));
              record(key, kind, numbers);
            }
          } else if (scenario === "d") {
            const figures = await runIdleMemory(kind, mode.idleReaders, 2, timing.parleyMode);
            record("d", kind, { ...figures });
          } else if (scenario === "f") {
            record("f", kind, { ...(await runAttack(timing.parleyMode, mode.measureMs)) });
          } else if (scenario === "e") {
            record("e", kind, { ...(await runHttp(kind, mode.httpSeconds, timing.parleyMode)) });
          } else if (isScale(scenario)) {
            record(scenario, kind, await runScale(scenario, kind, mode.name === "quick", timing));
          }
        } catch (err) {
          fail(scenario, kind, err);
        }
        console.log(
          `  rep ${rep + 1} ${scenario} ${kind}: ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
    }
  }

  const rows = buildRows(log, [...rowSpecs, ...scaleRowSpecs]).filter((r) => log[r.scenario]);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\nParley vs the bare Socket.IO ceiling, ${mode.name} mode, ${seconds.toFixed(0)} s:\n`,
  );
  console.log(renderTable(rows));
  const errors = Object.entries(log).flatMap(([s, r]) => r.errors.map((e) => `${s} ${e}`));
  if (errors.length > 0) console.log(`\nerrors:\n${errors.map((e) => `  ${e}`).join("\n")}`);

  const dir = fileURLToPath(new URL("./results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${new Date().toISOString().replace(/[:.]/g, "-")}-${mode.name}.json`;
  const report = { mode, parley, machine: machine(), seconds, rows, runs: log, errors };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten: ${file}`);
  process.exit(0);
}

void main();

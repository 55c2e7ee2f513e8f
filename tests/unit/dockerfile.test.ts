// Lints the Dockerfile offline (dockerfile-utils, every finding fails) and checks the structural
// rules of issue 3: multi-stage, lockfile before sources, a runtime without compilers or dev
// dependencies, non-root, node as PID 1, HEALTHCHECK on /healthz. Each rule is also run against a
// deliberately broken copy of the Dockerfile, so a rule that can no longer fail fails the suite.
import { readFileSync } from "node:fs";
import { validate, ValidationSeverity, type ValidatorSettings } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");

/** One instruction with its continuation lines joined and comments dropped. */
interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** A build stage: its name, its resolved base, and its instructions with its ancestors'. */
interface Stage {
  name: string;
  base: string;
  own: Instruction[];
  lineage: Instruction[];
}

function parseInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith("#") || (line === "" && pending === undefined)) return;
    const continued = line.endsWith("\\");
    const body = continued ? line.slice(0, -1).trim() : line;
    if (pending) pending.args = `${pending.args} ${body}`.trim();
    else {
      const [keyword = "", ...rest] = body.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(" "), line: index + 1 };
    }
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

function parseStages(text: string): Stage[] {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const ins of parseInstructions(text)) {
    if (ins.keyword === "ARG" && stages.length === 0) {
      const [key = "", value = ""] = ins.args.split("=", 2);
      globals.set(key.trim(), value.trim());
    } else if (ins.keyword === "FROM") {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith("--"));
      const base = (words[0] ?? "").replace(
        /\$\{?(\w+)\}?/g,
        (_m, key: string) => globals.get(key) ?? "",
      );
      const name = words[1]?.toUpperCase() === "AS" ? (words[2] ?? "") : String(stages.length);
      const parent = stages.find((s) => s.name.toLowerCase() === base.toLowerCase());
      stages.push({ name, base, own: [], lineage: [...(parent?.lineage ?? [])] });
    } else {
      const stage = stages.at(-1);
      stage?.own.push(ins);
      stage?.lineage.push(ins);
    }
  }
  return stages;
}

/** The source paths of a COPY/ADD (shell or JSON form), without flags and destination. */
function copySources(args: string): string[] {
  const rest = args
    .split(/\s+/)
    .filter((w) => !w.startsWith("--"))
    .join(" ");
  const paths = rest.startsWith("[") ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
  return paths.slice(0, -1);
}

const MANIFESTS = new Set(["package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc"]);
const NPM_INSTALL = /\bnpm\s+(ci|install|i)\b/;
const OMIT_DEV = /--omit[= ]dev\b|--production\b|--only[= ]prod/;
const TOOLCHAIN = /build-essential|python3?\b|g\+\+|\bgcc\b|\bmake\b|\bclang\b|node-gyp/;

const isCopy = (i: Instruction): boolean => i.keyword === "COPY" || i.keyword === "ADD";
const fromStage = (i: Instruction): string | undefined => /--from=(\S+)/.exec(i.args)?.[1];
/** A copy from the build context of anything besides the npm manifests. */
const isSourceCopy = (i: Instruction): boolean =>
  isCopy(i) && !fromStage(i) && copySources(i.args).some((s) => !MANIFESTS.has(s));
const isLockfileCopy = (i: Instruction): boolean =>
  isCopy(i) && !fromStage(i) && copySources(i.args).includes("package-lock.json");
const installs = (i: Instruction): boolean => i.keyword === "RUN" && NPM_INSTALL.test(i.args);
const runtimeOf = (stages: Stage[]): Stage | undefined => stages.at(-1);

/** A rule returns what it found wrong; empty means the Dockerfile follows it. */
type Rule = (stages: Stage[]) => string[];

const rules: Record<string, Rule> = {
  "is multi-stage and runs on a slim Node LTS image of its own": (stages) => {
    const runtime = runtimeOf(stages);
    const problems: string[] = [];
    if (stages.length < 3) problems.push(`${stages.length} stages; want deps, build and runtime`);
    if (stages.some((s) => s !== runtime && s.name.toLowerCase() === runtime?.base.toLowerCase()))
      problems.push(`runtime builds on stage ${runtime?.base}, inheriting its tools`);
    if (!/^node:(22|24)(\.\d+)*(-[a-z]+)?-slim(@sha256:[0-9a-f]+)?$/.test(runtime?.base ?? ""))
      problems.push(`runtime base ${runtime?.base} is not node:22/24 slim`);
    return problems;
  },
  "copies the lockfile and installs before any source": (stages) =>
    stages.flatMap((stage) => {
      const problems: string[] = [];
      stage.lineage.forEach((ins, index) => {
        if (!stage.own.includes(ins) || !installs(ins)) return;
        const before = stage.lineage.slice(0, index);
        if (!before.some(isLockfileCopy))
          problems.push(`${stage.name}: npm install at line ${ins.line} before the lockfile`);
        const source = before.find(isSourceCopy);
        if (source)
          problems.push(`${stage.name}: sources copied at line ${source.line} before npm install`);
      });
      return problems;
    }),
  "builds with npm run build and ships its dist": (stages) => {
    const builder = stages.find((s) => s.own.some((i) => /\bnpm run build\b/.test(i.args)));
    if (!builder) return ["no stage runs npm run build"];
    const copied = runtimeOf(stages)?.own.some(
      (i) => isCopy(i) && fromStage(i) === builder.name && /\bdist\b/.test(i.args),
    );
    return copied ? [] : [`runtime does not copy dist from ${builder.name}`];
  },
  "keeps compilers and dev dependencies out of the runtime": (stages) => {
    const runtime = runtimeOf(stages);
    if (!runtime) return ["no stages"];
    const problems: string[] = [];
    for (const ins of runtime.own) {
      if (installs(ins) && !OMIT_DEV.test(ins.args))
        problems.push(`line ${ins.line}: npm install with dev dependencies in the runtime`);
      if (ins.keyword === "RUN" && TOOLCHAIN.test(ins.args))
        problems.push(`line ${ins.line}: build tools in the runtime`);
      if (isSourceCopy(ins)) problems.push(`line ${ins.line}: build context copied into runtime`);
      const origin = stages.find((s) => s.name === fromStage(ins));
      if (origin && /node_modules/.test(ins.args)) {
        const npm = origin.lineage.filter(installs);
        if (npm.length === 0 || npm.some((i) => !OMIT_DEV.test(i.args)))
          problems.push(`line ${ins.line}: node_modules from ${origin.name} has dev dependencies`);
      }
    }
    if (!runtime.own.some((i) => isCopy(i) && /node_modules/.test(i.args)))
      problems.push("runtime gets no production node_modules");
    return problems;
  },
  "runs as a user other than root": (stages) => {
    const users = runtimeOf(stages)?.own.filter((i) => i.keyword === "USER") ?? [];
    const user = users.at(-1)?.args.split(":")[0];
    return user && user !== "root" && user !== "0" ? [] : [`runtime user is ${user ?? "root"}`];
  },
  "starts node itself as PID 1 (exec-form CMD)": (stages) => {
    const own = runtimeOf(stages)?.own ?? [];
    const cmd = own.filter((i) => i.keyword === "CMD").at(-1);
    const entrypoint = own.filter((i) => i.keyword === "ENTRYPOINT").at(-1);
    const problems: string[] = [];
    let argv: unknown = undefined;
    try {
      argv = JSON.parse(cmd?.args ?? "");
    } catch {
      problems.push(`CMD is not exec form: ${cmd?.args}`);
    }
    if (!Array.isArray(argv) || argv[0] !== "node") problems.push(`CMD does not start node`);
    if (entrypoint && entrypoint.args.replace(/\s/g, "") !== "[]")
      problems.push(`ENTRYPOINT ${entrypoint.args} would wrap node`);
    return problems;
  },
  "checks its health on /healthz without curl": (stages) => {
    const check = runtimeOf(stages)?.own.find((i) => i.keyword === "HEALTHCHECK");
    if (!check || /^NONE$/i.test(check.args)) return ["no HEALTHCHECK"];
    const problems: string[] = [];
    if (!check.args.includes("/healthz")) problems.push("HEALTHCHECK does not ask /healthz");
    if (/\b(curl|wget)\b/.test(check.args)) problems.push("HEALTHCHECK needs curl/wget");
    return problems;
  },
  "declares production env, port 3000 and the data folder": (stages) => {
    const own = runtimeOf(stages)?.own ?? [];
    const has = (keyword: string, pattern: RegExp): boolean =>
      own.some((i) => i.keyword === keyword && pattern.test(i.args));
    const problems: string[] = [];
    if (!has("ENV", /\bNODE_ENV=production\b/)) problems.push("NODE_ENV=production not set");
    if (!has("EXPOSE", /^3000(\/tcp)?$/)) problems.push("port 3000 not exposed");
    if (!has("ENV", /\bDATABASE_URL=sqlite:\/data\//)) problems.push("SQLite not under /data");
    if (!has("VOLUME", /\/data\b/)) problems.push("no VOLUME for /data");
    return problems;
  },
};

/** Every validator setting raised to an error, so warnings count as findings too. */
const strict: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

function lint(text: string): string[] {
  const findings = validate(text, strict).map((d) => {
    const message = typeof d.message === "string" ? d.message : d.message.value;
    return `line ${d.range.start.line + 1}: ${message}`;
  });
  // An ignore comment would hide a finding from validate(); refuse it outright.
  if (/dockerfile-utils:\s*ignore/i.test(text)) findings.push("a dockerfile-utils ignore comment");
  return findings;
}

/** Applies one edit to the real Dockerfile and insists that it applied. */
function broken(find: string | RegExp, replacement: string): string {
  const result = dockerfile.replace(find, replacement);
  if (result === dockerfile) throw new Error(`mutation found nothing to change: ${String(find)}`);
  return result;
}

const RUNTIME_FROM = /^FROM \S+ AS runtime$/m;
const LOCKFILE_COPY = "COPY package.json package-lock.json ./";
const mutations: Record<string, string[]> = {
  "is multi-stage and runs on a slim Node LTS image of its own": [
    broken(RUNTIME_FROM, "FROM build AS runtime"),
    broken(RUNTIME_FROM, "FROM node:18-bookworm-slim AS runtime"),
    broken(RUNTIME_FROM, "FROM node:24-bookworm AS runtime"),
    `FROM node:24-bookworm-slim\nUSER node\nCMD ["node", "dist/server/main.js"]\n`,
  ],
  "copies the lockfile and installs before any source": [
    broken(LOCKFILE_COPY, "COPY . ."),
    broken(LOCKFILE_COPY, `${LOCKFILE_COPY}\nCOPY . .`),
    broken(LOCKFILE_COPY, "COPY package.json ./\nCOPY server ./server"),
  ],
  "builds with npm run build and ships its dist": [
    broken(/^RUN npm run build$/m, "RUN true"),
    broken(/^COPY --from=build .*dist.*$/m, "COPY --from=prod-deps /app/package.json ./"),
  ],
  "keeps compilers and dev dependencies out of the runtime": [
    broken(/^USER \S+$/m, "RUN npm ci\nUSER 1000:1000"),
    broken(
      /^USER \S+$/m,
      "RUN apt-get update && apt-get install -y build-essential\nUSER 1000:1000",
    ),
    broken("--from=prod-deps", "--from=dev-deps"),
    broken(/^USER \S+$/m, "COPY . .\nUSER 1000:1000"),
  ],
  "runs as a user other than root": [
    broken(/^USER \S+$/m, ""),
    broken(/^USER \S+$/m, "USER root"),
    broken(/^USER \S+$/m, "USER 0:0"),
  ],
  "starts node itself as PID 1 (exec-form CMD)": [
    broken(/^CMD \[.*\]$/m, 'CMD ["npm", "start"]'),
    broken(/^CMD \[.*\]$/m, "CMD node dist/server/main.js"),
    broken(/^ENTRYPOINT \[\]$/m, 'ENTRYPOINT ["/bin/sh", "-c"]'),
  ],
  "checks its health on /healthz without curl": [
    broken(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ""),
    broken("/healthz'", "/'"),
    broken(
      /^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m,
      "HEALTHCHECK CMD curl -f http://localhost:3000/healthz\n",
    ),
  ],
  "declares production env, port 3000 and the data folder": [
    broken("NODE_ENV=production", "NODE_ENV=development"),
    broken(/^EXPOSE 3000$/m, "EXPOSE 8080"),
    broken(/^VOLUME .*$/m, ""),
  ],
};

describe("Dockerfile", () => {
  it("has no dockerfile-utils finding at all (warnings included)", () => {
    expect(lint(dockerfile)).toEqual([]);
  });

  it("lint catches a broken Dockerfile", () => {
    expect(lint(`${dockerfile}CMD ["node"]\n`)).not.toEqual([]);
    expect(lint(dockerfile.replace("WORKDIR /app", "workdir app"))).not.toEqual([]);
    expect(lint(`# dockerfile-utils: ignore\n${dockerfile}`)).not.toEqual([]);
  });

  const stages = parseStages(dockerfile);
  for (const [name, rule] of Object.entries(rules)) {
    it(name, () => {
      expect(rule(stages)).toEqual([]);
    });

    it(`${name}: fails when the rule is broken`, () => {
      const cases = mutations[name] ?? [];
      expect(cases.length).toBeGreaterThan(0);
      for (const text of cases) expect(rule(parseStages(text)), text).not.toEqual([]);
    });
  }
});

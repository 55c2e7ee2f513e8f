/**
 * Starts the servers under test: Parley (the built `dist/server/main.js`, or `server/main.ts`
 * through tsx) and the bare Socket.IO ceiling, one or more instances each, on free ports.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, stopChild, waitFor } from "./processes.js";

/** The bearer token the bench's Parley deployments require on /metrics. */
export const benchMetricsToken = "bench-metrics-token-0123456789";

/** Which server: Parley itself, or the stack's bare ceiling. */
export type TargetKind = "parley" | "bare";

/** How Parley is run: the build output (preferred), or the TypeScript source through tsx. */
export type ParleyMode = "dist" | "tsx";

export interface Instance {
  pid: number;
  baseUrl: string;
  child: ChildProcess;
}

/** Running instances of one target, and how to get posting credentials for it. */
export interface Deployment {
  kind: TargetKind;
  instances: Instance[];
  /** One credential per poster: Parley guest tokens; nulls for the bare server (no auth). */
  tokens(count: number): Promise<(string | null)[]>;
  stop(): Promise<void>;
}

export interface DeployOptions {
  instances: number;
  redisUrl?: string;
  /** Parley only; the bare server keeps nothing. */
  databaseUrl?: string;
  parleyMode: ParleyMode;
  /** Parley only: settings over the bench defaults, and node flags (a small heap, say). */
  env?: Record<string, string>;
  nodeArgs?: string[];
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const bareServer = fileURLToPath(new URL("../baseline/bare-server.ts", import.meta.url));
/** Shared by every Parley instance of a run, so tokens from one are valid on all. */
const tokenSecret = "bench-token-secret-0123456789abcdef0123456789abcdef";

/** The entry point Parley would run from, or null when it does not exist (yet). */
export function parleyEntry(mode: ParleyMode): string | null {
  const path = mode === "dist" ? `${root}dist/server/main.js` : `${root}server/main.ts`;
  return existsSync(path) ? path : null;
}

async function healthy(baseUrl: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/healthz`);
  return res.ok;
}

/** Every server process started and not yet exited, so an interrupted run can stop them. */
const live = new Set<ChildProcess>();

/** Registers a started server or service for killAllServers. */
export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Kills every server this process started (on SIGINT/SIGTERM of the bench). */
export function killAllServers(): void {
  for (const child of live) child.kill("SIGKILL");
}

/** Keeps the last few KiB of a child's output, to explain a failed start. */
function tail(child: ChildProcess): () => string {
  let text = "";
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString("utf8")).slice(-4096);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => text;
}

async function startParley(options: DeployOptions): Promise<Instance> {
  const entry = parleyEntry(options.parleyMode);
  if (!entry) throw new Error(`Parley entry point missing (${options.parleyMode})`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: options.databaseUrl ?? "sqlite::memory:",
    TOKEN_SECRET: tokenSecret,
    LOG_LEVEL: "warn",
    // Production keeps /metrics closed without a token; the bench reads it (scenario f's heap).
    METRICS_TOKEN: benchMetricsToken,
    ALLOWED_ORIGINS: baseUrl,
    RATE_LIMIT_COMMENTS: "0",
    RATE_LIMIT_COMMENTS_PER_IP: "0",
    RATE_LIMIT_SESSIONS_PER_IP: "0",
    // Every reader comes from one of a few 127.0.0.x addresses: lift the per-IP socket cap.
    MAX_SOCKETS_PER_IP: "0",
    // The flood guard (SOCKET_EVENTS_PER_SECOND) keeps its default: honest posters must pass it
    // even when a saturated server reads their frames in bursts (issue 14).
    SHUTDOWN_TIMEOUT_MS: "2000",
    ...options.env,
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;
  const args = options.parleyMode === "dist" ? [entry] : ["--import", "tsx", entry];
  const extra = (process.env.BENCH_PARLEY_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = track(
    spawn(process.execPath, [...extra, ...(options.nodeArgs ?? []), ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const output = tail(child);
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code) => reject(new Error(`exited with code ${code}`)));
  });
  try {
    await Promise.race([waitFor(`Parley on ${baseUrl}`, () => healthy(baseUrl)), exited]);
  } catch (err) {
    await stopChild(child);
    throw new Error(`Parley did not start: ${String(err)}\n${output()}`, { cause: err });
  }
  return { pid: child.pid!, baseUrl, child };
}

async function startBare(options: DeployOptions): Promise<Instance> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  if (options.redisUrl) env.BENCH_REDIS_URL = options.redisUrl;
  const child = track(
    fork(bareServer, [], {
      cwd: root,
      env,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    }),
  );
  const output = tail(child);
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", () => reject(new Error(`bare server exited: ${output()}`)));
  });
  return { pid: child.pid!, baseUrl: `http://127.0.0.1:${port}`, child };
}

async function guestTokens(baseUrl: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await fetch(`${baseUrl}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify({ name: `Bench poster ${i}` }),
    });
    if (res.status !== 201)
      throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

/**
 * Starts `instances` of the target one after another (so only one migrates a fresh database at a
 * time) and waits until each answers.
 */
export async function deploy(kind: TargetKind, options: DeployOptions): Promise<Deployment> {
  const instances: Instance[] = [];
  try {
    for (let i = 0; i < options.instances; i += 1) {
      instances.push(kind === "parley" ? await startParley(options) : await startBare(options));
    }
  } catch (err) {
    await Promise.all(instances.map((inst) => stopChild(inst.child)));
    throw err;
  }
  return {
    kind,
    instances,
    tokens: async (count) =>
      kind === "parley"
        ? guestTokens(instances[0]!.baseUrl, count)
        : Array.from({ length: count }, () => null),
    stop: async () => {
      await Promise.all(instances.map((inst) => stopChild(inst.child)));
    },
  };
}

/**
 * Runs Parley as a real child process (`server/main.ts` through tsx), for tests that kill it or
 * send it signals. Resolves once it logs that it listens, with the port it chose.
 */
import { type ChildProcess, spawn } from "node:child_process";

const root = new URL("../../", import.meta.url).pathname;

export interface ChildServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** Every line the child printed so far (stdout and stderr). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Extras for tests of the process itself (crashes, signals, memory). */
export interface ChildServerOptions {
  /** Modules loaded before server/main.ts (`node --import`), e.g. one that plants a fault. */
  preload?: string[];
  /** Gives the child a stdin pipe (`child.stdin`) instead of none. */
  stdin?: boolean;
  /** Node flags before the script, e.g. `--max-old-space-size=256` for a small heap. */
  nodeArgs?: string[];
}

export function startChildServer(
  env: Record<string, string>,
  options: ChildServerOptions = {},
): Promise<ChildServer> {
  const preload = (options.preload ?? []).flatMap((module) => ["--import", module]);
  const nodeArgs = options.nodeArgs ?? [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, "--import", "tsx", ...preload, "server/main.ts"],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "info",
        NODE_ENV: "test",
        ...env,
      },
      stdio: [options.stdin ? "pipe" : "ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (port && line.includes("listening")) {
          resolve({ child, url: `http://127.0.0.1:${port}`, port: Number(port), lines, exited });
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then(({ code }) =>
      reject(new Error(`server exited (${code}) before listening:\n${lines.join("\n")}`)),
    );
  });
}

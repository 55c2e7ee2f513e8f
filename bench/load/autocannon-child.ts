/**
 * Runs autocannon in a child process (bench/load/autocannon-worker.ts): on a 2-core box the load
 * generator inside the bench's own process shares its event loop and priority with whatever the
 * coordinator does; as a process of its own it is one more process the kernel schedules, as the
 * readers and posters already are. The result is autocannon's, as the in-process call gives it.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Options, Result } from "autocannon";

/** autocannon(options) in a forked process; rejects if the process fails or exits unanswered. */
export function autocannonInChild(
  options: Required<
    Pick<Options, "url" | "connections" | "duration" | "method" | "headers" | "body">
  >,
): Promise<Result> {
  const child = fork(fileURLToPath(new URL("./autocannon-worker.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise<Result>((resolve, reject) => {
    child.once("message", (reply: { ok: true; result: Result } | { ok: false; error: string }) => {
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`autocannon worker: ${reply.error}`));
    });
    child.once("exit", (code) => reject(new Error(`autocannon worker exited with ${code}`)));
    child.once("error", reject);
    child.send(options);
  });
}

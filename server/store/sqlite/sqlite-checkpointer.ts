/**
 * WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit that fills
 * the WAL past 1,000 pages: every hundred or so posts, one post's commit copied the WAL into the
 * database and synced it, holding the loop for 5 to 60 ms on the bench machine (the poster's ack
 * and every delivery queued behind it waited). The store turns that off (`wal_autocheckpoint=0`)
 * and this worker thread, with a connection of its own, runs a PASSIVE checkpoint (never blocks
 * the writer or readers) at most once per interval after writes. A crash loses nothing either
 * way: committed frames are in the WAL, which SQLite replays on open.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the thread looks for new commits and copies them back. */
const INTERVAL_MS = 1000;

/**
 * The thread's code (plain JS: it runs the same from dist/ and under tsx or vitest). `data_version`
 * changes when another connection commits, so an idle database costs one cheap pragma a second.
 */
const source = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
// The first round always checkpoints: commits made before this thread started count too.
let seen = null;
const timer = setInterval(() => {
  try {
    const version = db.pragma("data_version", { simple: true });
    if (version === seen) return;
    seen = version;
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // busy: the next round tries again, and the WAL only grows meanwhile
  }
}, workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the thread (its connection closed) before the store's own connection closes. */
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint thread for the database file at `path`; `onFailure` runs if the thread
 * dies (the store then lets SQLite checkpoint in the commit again, so the WAL stays bounded).
 */
export function startCheckpointer(path: string, onFailure: (error: Error) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(source, {
    eval: true,
    workerData: { path, driver, intervalMs: INTERVAL_MS },
  });
  // The thread never keeps the process alive.
  worker.unref();
  worker.on("error", onFailure);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Held from here, so the process waits for the thread to close its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}

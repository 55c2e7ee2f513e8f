/**
 * The coordinator's side of the reconnecting readers: forks rejoin-reader-worker processes, one
 * source address each, and merges what they report.
 */
import { type ChildProcess, fork } from "node:child_process";
import * as hdr from "hdr-histogram-js";
import { fileURLToPath } from "node:url";
import { stopChild } from "../servers/processes.js";
import { histogramRequest } from "./messages.js";
import type {
  RejoinCommand,
  RejoinConnected,
  RejoinReply,
  RejoinResult,
  RejoinStatus,
} from "./rejoin-messages.js";

/** One worker process and "the next reply of this type". */
class RejoinWorker {
  readonly child: ChildProcess;
  #waiting = new Map<
    string,
    { resolve: (reply: RejoinReply) => void; reject: (e: Error) => void }
  >();

  constructor() {
    this.child = fork(fileURLToPath(new URL("./rejoin-reader-worker.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: RejoinReply) => {
      const waiter = this.#waiting.get(reply.type);
      this.#waiting.delete(reply.type);
      waiter?.resolve(reply);
    });
    this.child.on("exit", (code) => {
      for (const waiter of this.#waiting.values()) {
        waiter.reject(new Error(`rejoin worker exited with ${code}`));
      }
      this.#waiting.clear();
    });
  }

  /** Sends `cmd` and resolves with the next reply of type `type`. */
  ask<T extends RejoinReply["type"]>(
    cmd: RejoinCommand,
    type: T,
  ): Promise<Extract<RejoinReply, { type: T }>> {
    const reply = new Promise<Extract<RejoinReply, { type: T }>>((resolve, reject) => {
      this.#waiting.set(type, { resolve: resolve as (reply: RejoinReply) => void, reject });
    });
    this.child.send(cmd);
    return reply;
  }

  tell(cmd: RejoinCommand): void {
    this.child.send(cmd);
  }
}

/** What all workers saw, merged. */
export interface RejoinFleetResult extends Omit<RejoinResult, "type" | "histograms"> {
  histograms: Map<string, hdr.Histogram>;
}

/** Reader processes whose readers reconnect and catch up like the embed. */
export class RejoinFleet {
  #workers: RejoinWorker[] = [];

  async connect(workers: number, readers: number, baseUrls: string[], articleId: string) {
    const per = Math.ceil(readers / workers);
    const asks: Promise<RejoinConnected>[] = [];
    for (let w = 0; w < workers; w += 1) {
      const worker = new RejoinWorker();
      this.#workers.push(worker);
      const count = Math.min(per, readers - w * per);
      const cmd: RejoinCommand = {
        type: "connect",
        baseUrls,
        articleId,
        offset: w * per,
        count,
        localAddress: `127.0.0.${2 + w}`,
      };
      asks.push(worker.ask(cmd, "connected"));
    }
    const answers = await Promise.all(asks);
    const failed = answers.reduce((sum, a) => sum + a.failed, 0);
    if (failed > 0) {
      const why = answers.find((a) => a.firstError)?.firstError;
      throw new Error(`${failed} readers failed to connect: ${why}`);
    }
  }

  /** Tells every worker something that needs no answer (new URLs, a new window). */
  tell(cmd: RejoinCommand): void {
    for (const w of this.#workers) w.tell(cmd);
  }

  async status(): Promise<Omit<RejoinStatus, "type">> {
    const all = await Promise.all(this.#workers.map((w) => w.ask({ type: "status" }, "status")));
    return {
      moved: all.reduce((sum, s) => sum + s.moved, 0),
      caughtUp: all.reduce((sum, s) => sum + s.caughtUp, 0),
      lastCaughtUpAt: Math.max(...all.map((s) => s.lastCaughtUpAt)),
      lastConnectedAt: Math.max(...all.map((s) => s.lastConnectedAt)),
    };
  }

  async report(finalSeq: number, waitMs: number): Promise<RejoinFleetResult> {
    const all = await Promise.all(
      this.#workers.map((w) => w.ask({ type: "report", finalSeq, waitMs }, "result")),
    );
    const histograms = new Map<string, hdr.Histogram>();
    for (const result of all) {
      for (const [key, encoded] of Object.entries(result.histograms)) {
        let merged = histograms.get(key);
        if (!merged) histograms.set(key, (merged = hdr.build(histogramRequest)));
        merged.add(hdr.decodeFromCompressedBase64(encoded));
      }
    }
    const sum = (pick: (r: RejoinResult) => number) => all.reduce((s, r) => s + pick(r), 0);
    return {
      histograms,
      lost: sum((r) => r.lost),
      duplicatesSent: sum((r) => r.duplicatesSent),
      conflicts: sum((r) => r.conflicts),
      reconnects: sum((r) => r.reconnects),
      refusedAttempts: sum((r) => r.refusedAttempts),
      joinsRefused: sum((r) => r.joinsRefused),
      firstJoinError: all.find((r) => r.firstJoinError)?.firstJoinError ?? null,
      caughtUpComments: sum((r) => r.caughtUpComments),
      unsettled: sum((r) => r.unsettled),
    };
  }

  async close(): Promise<void> {
    for (const w of this.#workers) if (w.child.connected) w.tell({ type: "close" });
    await Promise.all(this.#workers.map((w) => stopChild(w.child, 3_000)));
    this.#workers = [];
  }
}

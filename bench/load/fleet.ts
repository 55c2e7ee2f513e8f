/**
 * The coordinator's side of the load workers: forks reader and poster processes, spreads readers
 * over processes and over 127.0.0.x source addresses (each address gives about 28,000 loopback
 * ports), and merges what they report.
 */
import { type ChildProcess, fork } from "node:child_process";
import * as hdr from "hdr-histogram-js";
import { fileURLToPath } from "node:url";
import { stopChild } from "../servers/processes.js";
import {
  histogramRequest,
  type PosterCommand,
  type PosterReply,
  type PosterResult,
  type PosterRun,
  type ReaderCommand,
  type ReaderConnected,
  type ReaderReply,
  type ReaderResult,
} from "./messages.js";

/** A forked worker with typed commands and a "wait for the next reply of this type". */
class Worker<Cmd, Reply extends { type: string }> {
  readonly child: ChildProcess;
  #waiting = new Map<string, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();

  constructor(file: string) {
    this.child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: Reply) => {
      const waiter = this.#waiting.get(reply.type);
      this.#waiting.delete(reply.type);
      waiter?.resolve(reply);
    });
    this.child.on("exit", (code) => {
      for (const waiter of this.#waiting.values()) {
        waiter.reject(new Error(`load worker exited with ${code}`));
      }
      this.#waiting.clear();
    });
  }

  /** Sends `cmd` and resolves with the next reply of type `type`. */
  ask<T extends Reply["type"]>(cmd: Cmd, type: T): Promise<Extract<Reply, { type: T }>> {
    const reply = new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      this.#waiting.set(type, { resolve: resolve as (reply: Reply) => void, reject });
    });
    this.child.send(cmd as object);
    return reply;
  }

  async close(): Promise<void> {
    if (this.child.connected) this.child.send({ type: "close" });
    await stopChild(this.child, 3_000);
  }
}

/** What all reader workers saw in one phase. */
export interface FleetResult {
  histogram: hdr.Histogram;
  deliveries: number;
  lost: number;
  extra: number;
  dropped: number;
  lastReceiveAt: number;
  /** Worst worker's CPU share of one core during the phase (0..1), and its loop delay p99. */
  maxWorkerBusy: number;
  maxLoopDelayP99Ms: number;
}

export interface ReaderFleetOptions {
  workers: number;
  readers: number;
  baseUrls: string[];
  articleIds: string[];
}

/** Reader processes holding `readers` connections between them. */
export class ReaderFleet {
  #workers: Worker<ReaderCommand, ReaderReply>[] = [];

  /** Forks the workers and connects every reader; throws if any reader failed to join. */
  async connect(options: ReaderFleetOptions): Promise<void> {
    const per = Math.ceil(options.readers / options.workers);
    const asks = [];
    for (let w = 0; w < options.workers; w += 1) {
      const count = Math.min(per, options.readers - w * per);
      if (count <= 0) break;
      const worker = new Worker<ReaderCommand, ReaderReply>("./reader-worker.ts");
      this.#workers.push(worker);
      const cmd: ReaderCommand = {
        type: "connect",
        baseUrls: options.baseUrls,
        articleIds: options.articleIds,
        offset: w * per,
        count,
        localAddress: `127.0.0.${2 + w}`,
      };
      asks.push(worker.ask(cmd, "connected"));
    }
    this.#check(await Promise.all(asks), "connect");
  }

  /** Moves every reader to the article its index picks from `articleIds`. */
  async rejoin(articleIds: string[]): Promise<void> {
    const cmd: ReaderCommand = { type: "rejoin", articleIds };
    this.#check(await Promise.all(this.#workers.map((w) => w.ask(cmd, "connected"))), "rejoin");
  }

  #check(answers: ReaderConnected[], what: string): void {
    const failed = answers.reduce((sum, a) => sum + a.failed, 0);
    if (failed > 0) {
      const why = answers.find((a) => a.firstError)?.firstError;
      throw new Error(`${failed} readers failed to ${what}: ${why}`);
    }
  }

  /** Starts phase `phase` in every worker and waits until all of them count it. */
  async phase(phase: number): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.ask({ type: "phase", phase }, "phase-ready")));
  }

  /** Ends the phase: waits for the expected deliveries (up to `drainMs`) and merges the results. */
  async finish(expected: Record<string, number>, drainMs: number): Promise<FleetResult> {
    const cmd: ReaderCommand = { type: "finish", expected, drainMs };
    const results: ReaderResult[] = await Promise.all(
      this.#workers.map((w) => w.ask(cmd, "result")),
    );
    const histogram = hdr.build(histogramRequest);
    for (const r of results) histogram.add(hdr.decodeFromCompressedBase64(r.histogram));
    const sum = (pick: (r: ReaderResult) => number): number =>
      results.reduce((total, r) => total + pick(r), 0);
    return {
      histogram,
      deliveries: sum((r) => r.deliveries),
      lost: sum((r) => r.lost),
      extra: sum((r) => r.extra),
      dropped: sum((r) => r.dropped),
      lastReceiveAt: Math.max(...results.map((r) => r.lastReceiveAt)),
      maxWorkerBusy: Math.max(...results.map((r) => r.cpuMs / Math.max(1, r.wallMs))),
      maxLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.close()));
    this.#workers = [];
  }
}

/** One poster process with one connection per credential. */
export class PosterFleet {
  #worker: Worker<PosterCommand, PosterReply> | null = null;

  async connect(baseUrls: string[], tokens: (string | null)[]): Promise<void> {
    this.#worker = new Worker<PosterCommand, PosterReply>("./poster-worker.ts");
    await this.#worker.ask({ type: "connect", baseUrls, tokens }, "connected");
  }

  run(cmd: Omit<PosterRun, "type">): Promise<PosterResult> {
    if (!this.#worker) throw new Error("PosterFleet.run before connect");
    return this.#worker.ask({ type: "run", ...cmd }, "done");
  }

  async close(): Promise<void> {
    await this.#worker?.close();
    this.#worker = null;
  }
}

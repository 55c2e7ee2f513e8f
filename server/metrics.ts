/**
 * Prometheus metrics (prom-client), one registry per app so tests and several in-process
 * instances never share counters. Names are documented in docs/operations.md.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export function createMetrics() {
  const registry = new Registry();
  // Default metrics include nodejs_eventloop_lag_seconds and process memory/CPU.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connectedSockets: new Gauge({
      name: "parley_connected_sockets",
      help: "Socket.IO connections open on this instance",
      registers: [registry],
    }),
    roomsJoined: new Counter({
      name: "parley_rooms_joined_total",
      help: "article:join calls accepted on this instance",
      registers: [registry],
    }),
    commentsPosted: new Counter({
      name: "parley_comments_posted_total",
      help: "Comments committed by this instance",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "parley_deliveries_total",
      help: "Events emitted to local sockets by broadcasts that started on this instance",
      labelNames: ["event"] as const,
      registers: [registry],
    }),
    postCommitSeconds: new Histogram({
      name: "parley_post_commit_seconds",
      help: "Time from a post arriving to its commit",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    readGateRunning: new Gauge({
      name: "parley_read_gate_running",
      help: "Client store reads running through the read gate on this instance",
      registers: [registry],
    }),
    readGateWaiting: new Gauge({
      name: "parley_read_gate_waiting",
      help: "Client store reads queued at the read gate on this instance (past READ_GATE_QUEUE: 503)",
      registers: [registry],
    }),
    readGateRefused: new Counter({
      name: "parley_read_gate_refused_total",
      help: "Client store reads refused with unavailable because the read gate's queue was full",
      registers: [registry],
    }),
    readsShared: new Counter({
      name: "parley_reads_shared_total",
      help: "Client store reads answered from an identical read asked at the same time (catch-up joins after a restart)",
      labelNames: ["read"] as const,
      registers: [registry],
    }),
    redisUp: new Gauge({
      name: "parley_redis_up",
      help: "1 while Redis is connected, 0 while not; absent without REDIS_URL",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

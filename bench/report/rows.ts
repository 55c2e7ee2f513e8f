/**
 * The report's rows, in print order, each with the target: p99 within 1.5x the ceiling
 * in (a) and (c), nothing lost anywhere, CPU per delivery within 1.2x at the saturating rate,
 * memory per idle connection within 1.25x, and at least 3,000 pages and 1,000 posts per second.
 */
import type { RowSpec } from "./summary.js";

const fanout = (scenario: string, label: string, p99Target: boolean): RowSpec[] => [
  { scenario, label, metric: "p50Ms", unit: "ms", target: { kind: "none" } },
  {
    scenario,
    label,
    metric: "p99Ms",
    unit: "ms",
    target: p99Target ? { kind: "ratio-max", max: 1.5 } : { kind: "none" },
  },
  { scenario, label, metric: "deliveriesPerSec", unit: "/s", target: { kind: "none" } },
  { scenario, label, metric: "lost", unit: "deliveries", target: { kind: "zero" } },
];

/** The poster's wait, from sending `comment:post` to its ack; judged in (a) only (issue 14). */
const acks = (scenario: string, label: string, target: boolean): RowSpec[] =>
  (["ackP50Ms", "ackP99Ms"] as const).map((metric) => ({
    scenario,
    label,
    metric,
    unit: "ms",
    target: target ? { kind: "ratio-max", max: 1.5 } : { kind: "none" },
  }));

/** Every row of the table. */
export const rowSpecs: RowSpec[] = [
  ...fanout("a", "(a) 1 article x 2,000 readers, 5 posts/s", true),
  ...acks("a", "(a) 1 article x 2,000 readers, 5 posts/s", true),
  ...fanout("b", "(b) 200 articles x 10 readers, 50 posts/s", true),
  ...fanout("c", "(c) as (a), 2 instances, Redis + PostgreSQL", true),
  {
    scenario: "sat",
    label: "saturating: 2,000 readers x 50 posts/s",
    metric: "cpuUsPerDelivery",
    unit: "µs CPU",
    target: { kind: "ratio-max", max: 1.2 },
  },
  {
    scenario: "sat",
    label: "saturating: 2,000 readers x 50 posts/s",
    metric: "deliveriesPerSec",
    unit: "/s",
    target: { kind: "none" },
  },
  {
    scenario: "sat",
    label: "saturating: 2,000 readers x 50 posts/s",
    metric: "p99Ms",
    unit: "ms",
    target: { kind: "none" },
  },
  {
    scenario: "sat",
    label: "saturating: 2,000 readers x 50 posts/s",
    metric: "lost",
    unit: "deliveries",
    target: { kind: "zero" },
  },
  ...(
    [
      ["refused", "posts refused"],
      ["disconnected", "posters cut"],
    ] as const
  ).map(([metric, unit]): RowSpec => ({
    scenario: "sat",
    label: "saturating: 2,000 readers x 50 posts/s",
    metric,
    unit,
    target: { kind: "zero" },
  })),
  {
    scenario: "d",
    label: "(d) idle readers, 1 instance",
    metric: "kibPerConnection",
    unit: "KiB RSS",
    target: { kind: "ratio-max", max: 1.25 },
  },
  {
    scenario: "e",
    label: "(e) HTTP, SQLite, autocannon x50",
    metric: "getPerSec",
    unit: "first pages/s",
    target: { kind: "min", min: 3000 },
  },
  {
    scenario: "e",
    label: "(e) HTTP, SQLite, autocannon x50",
    metric: "postPerSec",
    unit: "posts/s",
    target: { kind: "min", min: 1000 },
  },
  {
    scenario: "e",
    label: "(e) HTTP, SQLite, autocannon x50",
    metric: "getCpuUsPerRequest",
    unit: "µs CPU/page",
    target: { kind: "none" },
  },
  {
    scenario: "e",
    label: "(e) HTTP, SQLite, autocannon x50",
    metric: "postCpuUsPerRequest",
    unit: "µs CPU/post",
    target: { kind: "none" },
  },
  {
    scenario: "e",
    label: "(e) HTTP, SQLite, autocannon x50",
    metric: "failures",
    unit: "non-2xx/errors",
    target: { kind: "zero" },
  },
  ...(
    [
      ["probeP50Ms", "ms /healthz p50"],
      ["probeP99Ms", "ms /healthz p99"],
      ["serverLagMaxMs", "ms server loop delay max"],
      ["peakHeapMiB", "MiB peak heap"],
      ["refused", "attack reads refused (429)"],
      ["busy", "attack reads refused (503)"],
      ["served", "attack reads served"],
    ] as const
  ).map(([metric, unit]): RowSpec => ({
    scenario: "f",
    label: "(f) under attack: honest readers + probe",
    metric,
    unit,
    target: { kind: "none" },
  })),
  {
    scenario: "f",
    label: "(f) under attack: honest readers + probe",
    metric: "lost",
    unit: "honest deliveries",
    target: { kind: "zero" },
  },
];

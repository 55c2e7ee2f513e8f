/**
 * The report's rows for the scale scenarios (g, h, i) of perf issue 14: (g) p99 within 1.5x the
 * two-instance ceiling and nothing lost, memory per connection reported; (h) nothing lost or
 * shown twice, catch-up time and the survivor's p99 before and during the storm reported;
 * (i) at least 1,000 accepted comments per second on PostgreSQL.
 */
import type { RowSpec, Target } from "./summary.js";

const none: Target = { kind: "none" };
const row = (
  scenario: string,
  label: string,
  metric: string,
  unit: string,
  target: Target = none,
): RowSpec => ({ scenario, label, metric, unit, target });

const g = "(g) 1 article x 10,000 readers, 2 instances, 2 posts/s";
const g5 = "(g) the same at 5 posts/s (saturating)";
const h = "(h) rolling restart, 2 x 1,000 readers, 5 posts/s";
const i = "(i) POST on PostgreSQL, 2 instances, autocannon x50";

/** Every row of the scale scenarios, in print order. */
export const scaleRowSpecs: RowSpec[] = [
  row("g", g, "p50Ms", "ms"),
  row("g", g, "p99Ms", "ms", { kind: "ratio-max", max: 1.5 }),
  row("g", g, "deliveriesPerSec", "/s"),
  row("g", g, "lost", "deliveries", { kind: "zero" }),
  row("g", g, "cpuUsPerDelivery", "µs CPU"),
  row("g", g5, "at5P99Ms", "ms"),
  row("g", g5, "at5CpuUsPerDelivery", "µs CPU"),
  row("g", g5, "at5Lost", "deliveries", { kind: "zero" }),
  row("g", g, "kibPerConnection", "KiB RSS"),
  row("g", g, "connectSeconds", "s to connect"),
  row("h", h, "catchUpSeconds", "s SIGTERM to all caught up"),
  row("h", h, "reconnectSeconds", "s SIGTERM to all reconnected"),
  row("h", h, "lost", "comments", { kind: "zero" }),
  row("h", h, "duplicatesShown", "comments", { kind: "zero" }),
  row("h", h, "duplicatesSent", "dropped by readers"),
  row("h", h, "survivorP99BeforeMs", "ms survivor p99 before"),
  row("h", h, "survivorP99StormMs", "ms survivor p99 storm"),
  row("h", h, "survivorStormOverBefore", "storm / before"),
  row("h", h, "stormJoins", "joins on survivor"),
  row("h", h, "stormReadsShared", "catch-up reads shared"),
  row("h", h, "stormGateRefused", "read gate 503s"),
  row("i", i, "hotPostsPerSec", "posts/s, 1 article", { kind: "min", min: 1000 }),
  row("i", i, "spreadPostsPerSec", "posts/s, 10 articles", { kind: "min", min: 1000 }),
  row("i", i, "hotP99Ms", "ms p99, 1 article"),
  row("i", i, "hotServerCpuUsPerPost", "µs Parley CPU/post"),
  row("i", i, "hotPgCpuUsPerPost", "µs PostgreSQL CPU/post"),
  row("i", i, "failures", "non-2xx/errors", { kind: "zero" }),
];

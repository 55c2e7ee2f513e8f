/**
 * Turns the raw runs into the rows of the report: the median of each figure over the runs of a
 * target, Parley over ceiling, and the target for that figure met or missed.
 */

/** Raw per-run figures of one scenario on one target (numbers only; errors are kept apart). */
export type Figures = Record<string, number>;

/** Every run of every scenario, by scenario key then target. */
export interface RunLog {
  [scenario: string]: { parley: Figures[]; bare: Figures[]; errors: string[] };
}

/** How a row is judged: a ratio to the ceiling, an absolute floor for Parley, or zero. */
export type Target =
  | { kind: "ratio-max"; max: number }
  | { kind: "min"; min: number }
  | { kind: "zero" }
  | { kind: "none" };

export interface RowSpec {
  scenario: string;
  label: string;
  metric: string;
  unit: string;
  target: Target;
}

export interface Row extends RowSpec {
  parley: number | null;
  ceiling: number | null;
  ratio: number | null;
  verdict: "ok" | "MISS" | "";
}

/** The median of the values (the mean of the middle two for an even count). */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function verdict(target: Target, parley: number | null, ratio: number | null): Row["verdict"] {
  if (parley === null) return "";
  switch (target.kind) {
    case "ratio-max":
      return ratio === null ? "" : ratio <= target.max ? "ok" : "MISS";
    case "min":
      return parley >= target.min ? "ok" : "MISS";
    case "zero":
      return parley === 0 ? "ok" : "MISS";
    default:
      return "";
  }
}

/** Builds one row per spec from the log; losses use the worst run rather than the median. */
export function buildRows(log: RunLog, specs: RowSpec[]): Row[] {
  return specs.map((spec) => {
    const runs = log[spec.scenario] ?? { parley: [], bare: [], errors: [] };
    const pick = (figures: Figures[]): number[] =>
      figures.map((f) => f[spec.metric]).filter((v): v is number => typeof v === "number");
    const combine = spec.target.kind === "zero" ? worst : median;
    const parley = combine(pick(runs.parley));
    const ceiling = combine(pick(runs.bare));
    const ratio = parley !== null && ceiling !== null && ceiling !== 0 ? parley / ceiling : null;
    return { ...spec, parley, ceiling, ratio, verdict: verdict(spec.target, parley, ratio) };
  });
}

function worst(values: number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

function describe(target: Target): string {
  switch (target.kind) {
    case "ratio-max":
      return `<= ${target.max}x`;
    case "min":
      return `>= ${target.min}`;
    case "zero":
      return "0";
    default:
      return "";
  }
}

function format(value: number | null): string {
  if (value === null) return "n/a";
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toString();
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The report as a fixed-width text table (also pasted into docs/performance.md). */
export function renderTable(rows: Row[]): string {
  const header = ["scenario", "figure", "Parley", "ceiling", "Parley/ceiling", "target", ""];
  const lines = rows.map((r, i) => [
    i > 0 && rows[i - 1]!.label === r.label ? "" : r.label,
    `${r.metric} (${r.unit})`,
    format(r.parley),
    format(r.ceiling),
    r.ratio === null ? "n/a" : `${r.ratio.toFixed(2)}x`,
    describe(r.target),
    r.verdict,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)));
  const render = (cells: string[]): string =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [render(header), rule, ...lines.map(render)].join("\n");
}

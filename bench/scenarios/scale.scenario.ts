/**
 * The scale scenarios of perf issue 14, kept apart from run.ts's own: (g) the hot article at
 * 10,000 readers, (h) the rolling restart, (i) writes on PostgreSQL. `npm run bench --
 * --only=g,h,i`; (h) and (i) run against Parley only.
 */
import type { Figures } from "../report/summary.js";
import type { TargetKind } from "../servers/targets.js";
import type { FanoutTiming } from "./fanout.scenario.js";
import { runHotArticle } from "./hot-article.scenario.js";
import { runPgWrites } from "./pg-writes.scenario.js";
import { runRollingRestart } from "./rolling-restart.scenario.js";

/** The letters of the scale scenarios. */
export const scaleScenarios = ["g", "h", "i"] as const;
export type ScaleScenario = (typeof scaleScenarios)[number];

/** True for a scale scenario's letter. */
export function isScale(letter: string): letter is ScaleScenario {
  return (scaleScenarios as readonly string[]).includes(letter);
}

/** True when the scenario has a bare ceiling to run against. */
export function scaleHasCeiling(letter: ScaleScenario): boolean {
  return letter === "g";
}

/** Runs one scale scenario on `kind`; quick mode shortens phases (and (g) keeps 10,000 readers). */
export async function runScale(
  letter: ScaleScenario,
  kind: TargetKind,
  quick: boolean,
  timing: FanoutTiming,
): Promise<Figures> {
  const parleyMode = timing.parleyMode;
  if (letter === "g") {
    const { firstFailure, ...figures } = await runHotArticle(kind, 10_000, timing);
    if (firstFailure) console.log(`  (g) ${kind} post failed: ${firstFailure}`);
    return { ...figures };
  }
  if (letter === "h") {
    const metrics = await runRollingRestart(
      parleyMode,
      2_000,
      quick ? 5_000 : 10_000,
      quick ? 25_000 : 45_000,
    );
    return {
      ...metrics,
      survivorStormOverBefore:
        metrics.survivorP99BeforeMs > 0
          ? metrics.survivorP99StormMs / metrics.survivorP99BeforeMs
          : 0,
    };
  }
  return { ...(await runPgWrites(quick ? 5 : 10, parleyMode)) };
}

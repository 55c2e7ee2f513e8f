/**
 * A one-line progress bar for a terminal (stderr), redrawn when the shown percentage changes, so a
 * gigabyte makes a hundred redraws rather than a million. Nothing is drawn when stderr is not a
 * terminal (a pipe, CI, a cron job): the summary alone is printed there.
 */
import type { ImportSummary } from "./import.runner.js";

export interface Progress {
  bytes(read: number): void;
  article(summary: ImportSummary): void;
  done(): void;
}

/** A bar on `out` when it is a terminal and `enabled`; otherwise a progress that draws nothing. */
export function createProgress(
  totalBytes: number,
  out: NodeJS.WriteStream,
  enabled = true,
): Progress {
  if (!enabled || !out.isTTY)
    return { bytes: () => undefined, article: () => undefined, done: () => undefined };
  let shown = -1;
  let read = 0;
  let articles = 0;
  let comments = 0;
  const draw = (force: boolean) => {
    const percent = totalBytes > 0 ? Math.min(100, Math.floor((read / totalBytes) * 100)) : 100;
    if (percent === shown && !force) return;
    shown = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    out.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}%` +
        `  ${articles} articles, ${comments} comments`,
    );
  };
  return {
    bytes(n) {
      read = n;
      draw(false);
    },
    article(summary) {
      articles = summary.articles;
      const c = summary.comments;
      comments = c.published + c.pending + c.removed;
    },
    done() {
      draw(true);
      out.write("\n");
    },
  };
}

/** The summary as the lines printed at the end. */
export function formatSummary(summary: ImportSummary): string {
  const c = summary.comments;
  const lines = [
    `articles with new comments: ${summary.articles}`,
    `comments: ${c.published} published, ${c.pending} pending review, ${c.removed} removed placeholders`,
    `already imported (unchanged): ${summary.existing}`,
  ];
  const skipped = Object.entries(summary.skipped);
  const total = skipped.reduce((n, [, k]) => n + k, 0);
  lines.push(
    `skipped: ${total}${skipped.length ? ` (${skipped.map(([r, n]) => `${r}: ${n}`).join(", ")})` : ""}`,
  );
  for (const [note, n] of Object.entries(summary.notes)) lines.push(`note: ${note}: ${n}`);
  return lines.join("\n") + "\n";
}

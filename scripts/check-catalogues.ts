/**
 * Lists what each shipped catalogue lacks or gets wrong against client/i18n/en.ts: the to-do list
 * after English messages were added. Exit code 1 when anything is listed.
 * Usage: `npm run check:catalogues` (or `tsx scripts/check-catalogues.ts [TAG…]`).
 */
import { pathToFileURL } from "node:url";
import { catalogues } from "../client/i18n/catalogues/index.js";
import { checkCatalogue } from "../client/i18n/catalogues/check.js";

/** Problems by language tag, for the tags asked (all when none). */
export function catalogueProblems(tags: readonly string[]): Record<string, string[]> {
  const wanted = tags.length > 0 ? tags : Object.keys(catalogues);
  return Object.fromEntries(
    wanted.map((tag) => {
      const messages = catalogues[tag];
      return [tag, messages ? checkCatalogue(tag, messages) : [`no catalogue "${tag}"`]];
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let failed = false;
  for (const [tag, problems] of Object.entries(catalogueProblems(process.argv.slice(2)))) {
    process.stdout.write(
      `${tag}: ${problems.length === 0 ? "complete" : `${problems.length} to fix`}\n`,
    );
    for (const problem of problems) process.stdout.write(`  ${problem}\n`);
    failed ||= problems.length > 0;
  }
  process.exitCode = failed ? 1 : 0;
}

/**
 * Vite plugin that ships the catalogues of client/i18n/catalogues/ as data files beside the embed:
 * `locales/<tag>.<hash>.json`, named by the content of all of them, so the server can let caches
 * keep them for a year. The tags and that hash are compiled into embed.js and moderate.js as
 * `__PARLEY_LOCALES__` ("de fr … ar.<hash>", a few dozen bytes); no catalogue text is in either
 * script, so English pages carry none of it.
 */
import { createHash } from "node:crypto";
import type { Plugin } from "vite";
import { catalogues } from "./catalogues/index.js";

/** One shipped catalogue: its language tag, file name under locales/, and JSON text. */
interface LocaleFile {
  tag: string;
  file: string;
  json: string;
}

const entries = () =>
  Object.entries(catalogues).map(([tag, messages]) => ({ tag, json: JSON.stringify(messages) }));

/** One hash of every catalogue: any change renames every file, which is rare and keeps embed.js small. */
function hashOf(all: { tag: string; json: string }[]): string {
  const hash = createHash("sha256");
  for (const { tag, json } of all) hash.update(`${tag}\n${json}\n`);
  return hash.digest("hex").slice(0, 10);
}

/** The catalogues as the build writes them. */
export function localeFiles(): LocaleFile[] {
  const all = entries();
  const hash = hashOf(all);
  return all.map(({ tag, json }) => ({ tag, file: `${tag}.${hash}.json`, json }));
}

/**
 * Vite's `define` that tells a script which catalogues exist and where: `"<tags>.<hash>"`, the
 * shipped language tags separated by spaces, then the hash every file name carries.
 */
export function localeDefine(): Record<string, string> {
  const all = entries();
  return {
    __PARLEY_LOCALES__: JSON.stringify(`${all.map((e) => e.tag).join(" ")}.${hashOf(all)}`),
  };
}

/** Emits `locales/<tag>.<hash>.json` and defines `__PARLEY_LOCALES__` for the build. */
export function localeCatalogues(): Plugin {
  return {
    name: "parley-locales",
    apply: "build",
    config: () => ({ define: localeDefine() }),
    generateBundle() {
      for (const { file, json } of localeFiles()) {
        this.emitFile({ type: "asset", fileName: `locales/${file}`, source: json });
      }
    },
  };
}

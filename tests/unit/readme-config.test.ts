/**
 * The README's configuration table and the config schema name the same variables: a key added to
 * one and forgotten in the other fails here (style habit 2: the table is checked against the schema).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../server/config/config.schema.js";

const readmePath = new URL("../../README.md", import.meta.url);

/** Keys of rows shaped "| `KEY` | ..." (Prettier pads the cell) that name an environment variable. */
function readmeKeys(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1] ?? "");
}

describe("README configuration table", () => {
  const schemaKeys = Object.keys(envSchema.shape).sort();

  it("exists", () => {
    expect(existsSync(readmePath), "README.md is missing").toBe(true);
  });

  it("lists every variable of envSchema, once, and nothing else", () => {
    const markdown = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "";
    const keys = readmeKeys(markdown);
    expect(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      "listed twice",
    ).toEqual([]);
    expect(
      schemaKeys.filter((k) => !keys.includes(k)),
      "in config.schema.ts, missing from README.md",
    ).toEqual([]);
    expect(
      keys.filter((k) => !schemaKeys.includes(k)),
      "in README.md, unknown to config.schema.ts",
    ).toEqual([]);
  });
});

/**
 * The browser bundles rename every property whose name starts with `_` (socket.io-client's
 * private fields; client/browser-build.vite.ts), except `_zod` and `_placeholder`. That is only
 * safe while Parley's own browser code (client/ and the shared/ contract it bundles) names no
 * property that way: such a property would be renamed in the bundle but not on the wire, in the
 * DOM or in a host page. This test finds any, through the TypeScript syntax tree.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const KEPT = new Set(["_zod", "_placeholder"]);

/** Browser sources: every .ts under client/ and shared/, except the build's own Node files. */
function browserSources(): string[] {
  return ["client", "shared"].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".vite.ts"))
      .map((file) => join(root, dir, file)),
  );
}

/** `file:line name` for each property named with a leading `_` (accesses, keys, class members). */
function underscoreProperties(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const note = (name: ts.Node) => {
    const value =
      ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)
        ? name.text
        : undefined;
    if (value?.startsWith("_") && !value.startsWith("__") && !KEPT.has(value)) {
      const { line } = source.getLineAndCharacterOfPosition(name.getStart());
      found.push(`${relative(root, fileName)}:${line + 1} ${value}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) note(node.name);
    else if (ts.isElementAccessExpression(node)) note(node.argumentExpression);
    else if (
      ts.isPropertyAssignment(node) ||
      ts.isShorthandPropertyAssignment(node) ||
      ts.isPropertyDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isPropertySignature(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node)
    ) {
      note(node.name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("embed property renaming", () => {
  it("finds keys, accesses and members named with a leading underscore", () => {
    const sample = `const a = { _x: 1, "_y": 2, ok: 3 }; a._z; a["_w"]; class C { _m() {} }
      function f(_unused: string) { return { target: "_blank" }; }`;
    expect(
      underscoreProperties(join(root, "sample.ts"), sample).map((s) => s.split(" ")[1]),
    ).toEqual(["_x", "_y", "_z", "_w", "_m"]);
  });

  it("has nothing to rename in Parley's own browser code", () => {
    const found = browserSources().flatMap((file) =>
      underscoreProperties(file, readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });
});

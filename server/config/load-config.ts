/** The only reader of the environment: parses it once and fails fast with every bad key named. */
import { type Config, configSchema } from "./config.schema.js";

/** Thrown with one line naming each bad variable; main.ts prints it and exits non-zero. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Values that may hold credentials (secrets, URLs with passwords) are never printed. */
const neverEcho = /SECRET|URL|PASSWORD|TOKEN/;

/** The bad value, quoted and escaped so the error stays one line; nothing for sensitive keys. */
function echo(key: string, value: string | undefined): string {
  if (value === undefined || neverEcho.test(key)) return "";
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return ` (got ${JSON.stringify(shown)})`;
}

/** Builds the Config from an environment (process.env in main.ts, a plain object in tests). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as a blank line in an .env file or compose file does.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "environment");
      return `${key} ${issue.message}${echo(key, present[key])}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/**
 * The session-token secret: TOKEN_SECRET when set; in development, generated once and kept in the
 * data folder so tokens survive restarts. Production refuses to start without TOKEN_SECRET (config).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Config } from "./config/config.schema.js";

export function resolveTokenSecret(config: Config): string {
  if (config.tokenSecret) return config.tokenSecret;
  const dataDir =
    config.database.kind === "sqlite" && config.database.path !== ":memory:"
      ? dirname(config.database.path)
      : "./data";
  const file = join(dataDir, "token-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The one composition root: config -> logger -> store -> scale-out -> app -> listen, and the
 * signals that stop it. Nothing else reads the environment or opens connections.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { createParley } from "./app.js";
import { ConfigError, loadConfig } from "./config/load-config.js";
import { createLogger } from "./logger.js";
import { openStore } from "./store/open-store.js";
import { resolveTokenSecret } from "./token-secret.js";

/** The project root: the nearest folder above this file with a package.json (src or dist). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const store = await openStore(config.database, logger);
  const scaleOut = config.redisUrl
    ? await (
        await import("./scale/redis-scale-out.js")
      ).createRedisScaleOut(config.redisUrl, logger)
    : undefined;
  const parley = createParley({
    config,
    logger,
    store,
    tokenSecret: resolveTokenSecret(config),
    clientDir: join(projectRoot(), "dist", "client"),
    ...(scaleOut ? { scaleOut } : {}),
  });
  const address = await parley.listen();
  logger.info(
    {
      port: address.port,
      host: address.address,
      store: store.kind,
      redis: Boolean(config.redisUrl),
      metricsPort: (parley.metricsServer?.address() as { port?: number } | null)?.port ?? null,
    },
    `Parley listening on http://localhost:${address.port}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    parley.close().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Parley failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

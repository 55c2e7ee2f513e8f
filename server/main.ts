/**
 * The one composition root: config -> logger -> store -> scale-out -> app -> listen, and the
 * process edges (signals, crashes) that stop it. Nothing else reads the environment or opens
 * connections. `serve()` is what both `npm start` (this file run directly) and `parley serve`
 * (server/cli/) call.
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { existsSync, realpathSync } from "node:fs";
import { createParley, type Parley, type ScaleOut } from "./app.js";
import { ConfigError, loadConfig } from "./config/load-config.js";
import type { Config } from "./config/config.schema.js";
import { createLogger } from "./logger.js";
import { handleProcessEdges } from "./process-edges.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { resolveTokenSecret } from "./token-secret.js";

/** The project root: the nearest folder above this file with a package.json (src or dist). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The parsed config, or exit 1 with every bad key named (the process cannot run without it). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Runs Parley in this process until a signal stops it: resolves once it listens. Exits 1 when
 * start-up fails (logged through pino once the logger exists).
 */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfigOrExit(env);
  const logger = createLogger(config.logLevel);
  let store: Store | undefined;
  let scaleOut: ScaleOut | undefined;
  let parley: Parley | undefined;
  // Installed before anything opens, so a signal during start-up (a slow migration) stops cleanly.
  handleProcessEdges({
    logger,
    deadlineMs: config.shutdownTimeoutMs,
    close: async () => {
      if (parley) return parley.close();
      await Promise.allSettled([scaleOut?.close?.(), store?.close()]);
    },
  });
  try {
    store = await openStore(config.database, logger);
    scaleOut = config.redisUrl
      ? await (
          await import("./scale/redis-scale-out.js")
        ).createRedisScaleOut(config.redisUrl, logger)
      : undefined;
    parley = createParley({
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
  } catch (error) {
    logger.fatal({ err: error }, "Parley failed to start");
    process.exit(1);
  }
}

/** True when this file is the process's entry point (`node dist/server/main.js`, `tsx ...`). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href;
}

if (isEntryPoint()) {
  serve().catch((error: unknown) => {
    process.stderr.write(
      `Parley failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

/** Liveness and readiness for balancers and orchestrators. */
import { Hono } from "hono";
import type { AppEnv } from "./http-env.js";

/** A named dependency whose health decides readiness; `check` rejects when it is down. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** Readiness checks answer within this long, or count as down. */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export function healthRoutes(checks: ReadinessCheck[], isShuttingDown: () => boolean) {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const results = await Promise.all(
      checks.map(async (readiness) => {
        const { name } = readiness;
        try {
          await withTimeout(readiness.check());
          return [name, "ok"] as const;
        } catch {
          return [name, "down"] as const;
        }
      }),
    );
    const ready = !isShuttingDown() && results.every(([, state]) => state === "ok");
    return c.json(
      {
        status: ready ? "ok" : "unavailable",
        checks: Object.fromEntries(results),
        shuttingDown: isShuttingDown(),
      },
      ready ? 200 : 503,
    );
  });
  return app;
}

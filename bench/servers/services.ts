/**
 * The shared services scenario (c) needs: a private redis-server on a free port (no persistence),
 * and a fresh PostgreSQL database per deployment on 127.0.0.1:5432 (user postgres, trust auth).
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { createClient } from "redis";
import { freePort, stopChild, waitFor } from "./processes.js";
import { track } from "./targets.js";

/** A running service and how to reach and stop it. */
export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** Starts `redis-server` on a free port; rejects if the binary is missing or does not answer. */
export async function startRedis(): Promise<Service> {
  const port = await freePort();
  const child = track(
    spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const failed = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  const ready = waitFor(`redis on ${url}`, async () => {
    const client = createClient({ url });
    client.on("error", () => undefined);
    await client.connect();
    await client.ping();
    await client.close();
    return true;
  });
  await Promise.race([ready, failed]);
  return { url, stop: () => stopChild(child) };
}

const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Creates an empty database for one deployment; `stop()` drops it. */
export async function createPgDatabase(label: string): Promise<Service> {
  const name = `parley_bench_${label}_${process.pid}_${Date.now()}`.replace(/[^a-z0-9_]/g, "_");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Scale-out through Redis: the Socket.IO adapter, shared rate limits, readiness, and outage
 * handling. (Filled in by the scale-out work; until then REDIS_URL is refused clearly.)
 */
import type { Logger } from "pino";
import type { ScaleOut } from "../app.js";

export function createRedisScaleOut(_url: string, _logger: Logger): Promise<ScaleOut> {
  return Promise.reject(new Error("REDIS_URL is not supported yet"));
}

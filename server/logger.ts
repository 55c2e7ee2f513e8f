/** pino, JSON lines; tokens and authorization headers never reach a log. */
import pino, { type Logger } from "pino";

const redactPaths = [
  "token",
  "*.token",
  "auth.token",
  "headers.authorization",
  "req.headers.authorization",
  "authorization",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "parley", pid: process.pid },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

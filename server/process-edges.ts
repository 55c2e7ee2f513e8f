/**
 * How the process ends, through close-with-grace: a signal (SIGTERM, SIGINT, ...), an uncaught
 * exception or an unhandled rejection starts one graceful stop with one total deadline; whatever
 * is still open at the deadline is abandoned and the process exits 1. A second signal exits at
 * once (an operator pressing Ctrl-C twice means it). Every message goes through pino, as JSON, so a
 * crash is one parseable log line and not a stack trace on stderr.
 */
import closeWithGrace from "close-with-grace";
import type { Logger } from "pino";

export interface ProcessEdgesOptions {
  logger: Logger;
  /** Total milliseconds for the whole stop (SHUTDOWN_TIMEOUT_MS). */
  deadlineMs: number;
  /** Closes everything the process opened; its own steps must fit in the deadline. */
  close: () => Promise<void>;
}

/** Installs the handlers; call once, from the composition root, as soon as the logger exists. */
export function handleProcessEdges({ logger, deadlineMs, close }: ProcessEdgesOptions): void {
  closeWithGrace(
    {
      delay: deadlineMs,
      // close-with-grace's own messages are plain strings; ours below are structured.
      logger: false,
      onSecondSignal: (signal) => logger.warn({ signal }, "second signal: exiting now"),
      onSecondError: (err) => logger.fatal({ err }, "uncaught error while shutting down"),
      onTimeout: (delay) => logger.error({ deadlineMs: delay }, "shutdown deadline passed"),
    },
    async ({ signal, err }) => {
      if (err) logger.fatal({ err }, "uncaught error: shutting down");
      else logger.info({ signal }, "shutting down");
      try {
        await close();
      } catch (error) {
        logger.error({ err: error }, "shutdown failed");
        throw error;
      }
      logger.info("stopped");
    },
  );
}

/** What every request handler can read from its context. */
import type { HttpBindings } from "@hono/node-server";
import type { Logger } from "pino";
import type { Actor } from "../domain/auth.service.js";

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    log: Logger;
    /** The client's address: the peer, or behind TRUST_PROXY's proxies (client-ip.ts). */
    ip: string;
    /** The authenticated user, or null for an anonymous reader. */
    actor: Actor | null;
  };
}

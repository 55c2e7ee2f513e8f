/**
 * The client's address behind the operator's proxies (proxy-addr): X-Forwarded-For is read from
 * the right, one trusted hop at a time, so a client cannot choose its own address by sending the
 * header itself. Untrusted peers' headers are ignored altogether.
 */
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/**
 * Which peers may speak for the client: none, the nearest `hops` (a balancer in front of
 * Parley is one hop), or those whose address matches (IPs, CIDRs, `loopback`, `uniquelocal`...).
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

/** The trust function proxy-addr walks X-Forwarded-For with; throws on a malformed address. */
export function compileTrust(trust: TrustProxy): (addr: string, hop: number) => boolean {
  if (trust === false) return () => false;
  if ("hops" in trust) {
    const hops = trust.hops;
    return (_addr, hop) => hop < hops;
  }
  return proxyAddr.compile(trust.addresses);
}

/** Resolves the client address of a Node request (HTTP or a Socket.IO handshake). */
export function createClientIp(trust: TrustProxy): (req: IncomingMessage) => string {
  const trusted = compileTrust(trust);
  return function clientIp(req) {
    // A request whose socket has gone has no peer: nothing to trust, nothing to count by.
    if (req.socket?.remoteAddress === undefined) return "unknown";
    return proxyAddr(req, trusted);
  };
}

/** client-ip.ts and ip-bucket.ts: who the client is behind proxies, and what per-IP limits count. */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ipBucket } from "../../server/domain/ip-bucket.js";
import { createClientIp, type TrustProxy } from "../../server/core/client-ip.js";

/** The two fields proxy-addr reads from a Node request. */
function req(peer: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return { socket: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

const ip = (trust: TrustProxy, peer: string, xff?: string) => createClientIp(trust)(req(peer, xff));

describe("client IP behind proxies", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(ip(false, "203.0.113.9", "1.2.3.4")).toBe("203.0.113.9");
  });

  it("with a hop count, takes the address that many proxies saw, not the client's claim", () => {
    // The balancer appends the address it saw; a spoofed entry sits to its left.
    expect(ip({ hops: 1 }, "10.0.0.2", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(ip({ hops: 2 }, "10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1")).toBe("198.51.100.7");
    expect(ip({ hops: 1 }, "10.0.0.2")).toBe("10.0.0.2");
  });

  it("with addresses, believes only trusted peers, walking from the right", () => {
    const trust: TrustProxy = { addresses: ["10.0.0.0/8"] };
    expect(ip(trust, "10.0.0.2", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(ip(trust, "10.0.0.2", "6.6.6.6, 198.51.100.7, 10.1.1.1")).toBe("198.51.100.7");
    // A client talking to Parley directly cannot choose its address with the header.
    expect(ip(trust, "203.0.113.9", "10.0.0.5")).toBe("203.0.113.9");
    expect(ip({ addresses: ["loopback"] }, "127.0.0.1", "198.51.100.7")).toBe("198.51.100.7");
    expect(ip({ addresses: ["loopback"] }, "::1", "2001:db8::1")).toBe("2001:db8::1");
  });

  it("answers unknown for a request whose socket has gone", () => {
    const gone = { socket: {}, headers: {} } as unknown as IncomingMessage;
    expect(createClientIp({ hops: 1 })(gone)).toBe("unknown");
  });
});

describe("per-address buckets", () => {
  it("keeps IPv4 whole and reads IPv4-mapped IPv6 as IPv4", () => {
    expect(ipBucket("198.51.100.7")).toBe("198.51.100.7");
    expect(ipBucket("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(ipBucket("::ffff:c633:6407")).toBe("198.51.100.7");
  });

  it("groups IPv6 by /64, whatever the spelling", () => {
    const bucket = "2001:db8:1:2::/64";
    for (const address of [
      "2001:db8:1:2::1",
      "2001:db8:1:2:ffff:ffff:ffff:ffff",
      "2001:0db8:0001:0002:0:0:0:9",
      "2001:DB8:1:2::abcd",
      "2001:db8:1:2::1.2.3.4",
      "2001:db8:1:2::1%eth0",
    ]) {
      expect(ipBucket(address), address).toBe(bucket);
    }
    expect(ipBucket("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(ipBucket("::1")).toBe("0:0:0:0::/64");
    expect(ipBucket("fe80::1")).toBe("fe80:0:0:0::/64");
  });

  it("passes anything that is not an address through unchanged", () => {
    expect(ipBucket("unknown")).toBe("unknown");
  });
});

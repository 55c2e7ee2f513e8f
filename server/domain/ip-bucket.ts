/**
 * The key per-address limits count by. One IPv6 subscriber usually holds a whole /64 and can pick
 * any address in it at will, so counting per address would let one client multiply its limits by
 * 2^64: IPv6 addresses are grouped by their /64 prefix. IPv4 (and IPv4-mapped IPv6) stay whole.
 */
import { isIPv4, isIPv6 } from "node:net";

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function groups(ip: string): number[] | null {
  if (!isIPv6(ip)) return null;
  let text = ip.split("%")[0] ?? ip;
  // A dotted IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<number>(Math.max(0, missing)).fill(0), ...right];
}

/** `1.2.3.4` as is; `2001:db8:1:2:aaaa::1` as `2001:db8:1:2::/64`; anything else as given. */
export function ipBucket(ip: string): string {
  if (isIPv4(ip)) return ip;
  const g = groups(ip);
  if (!g) return ip;
  // ::ffff:a.b.c.d is an IPv4 client reaching a dual-stack socket: count it as that IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const [hi = 0, lo = 0] = g.slice(6);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(":")}::/64`;
}

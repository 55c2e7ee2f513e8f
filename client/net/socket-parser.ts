/**
 * Socket.IO's packet codec (protocol 5) for JSON packets only, in place of socket.io-parser in the
 * browser bundles (client/net/socket-parser.vite.ts). Parley's events carry JSON and never binary,
 * so socket.io-parser's binary half (attachments, placeholders, a walk of every payload looking for
 * buffers) is dead weight there. Text packets are encoded and decoded exactly as socket.io-parser
 * 4.2 does, quirks included (tests/unit/socket-parser.test.ts compares the two on random input);
 * a binary packet is refused like a malformed one: the decoder throws and socket.io-client closes
 * the connection with "parse error", then reconnects.
 */

/** Packet types, numbered as on the wire; socket.io-client reads them from here. */
export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
} as const;

/** A packet type's number. */
type PacketType = (typeof PacketType)[keyof typeof PacketType];

/** Protocol version (socket.io-client re-exports it). */
export const protocol = 5;

/** A decoded packet, or one to encode. */
interface Packet {
  type: PacketType;
  nsp: string;
  id?: number;
  data?: unknown;
}

/** Event names with a meaning of their own, which the server may not send. */
const RESERVED_EVENTS = [
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
];

/** Turns packets into frames: one string each, since nothing here is binary. */
export class Encoder {
  encode(packet: Packet): string[] {
    let frame = `${packet.type}`;
    if (packet.nsp && packet.nsp !== "/") frame += `${packet.nsp},`;
    if (packet.id != null) frame += packet.id;
    if (packet.data != null) frame += JSON.stringify(packet.data);
    return [frame];
  }
}

const isObject = (value: unknown) => Object.prototype.toString.call(value) === "[object Object]";

/** socket.io-parser's test for an id character: digits, and (its quirk) blanks, which count as 0. */
// Loose `==` on purpose, as in socket.io-parser: " " == 0.
const isIdChar = (char: string) => char !== "" && Number(char) == (char as unknown as number);

function isPayloadValid(type: PacketType, payload: unknown): boolean {
  switch (type) {
    case PacketType.CONNECT:
      return isObject(payload);
    case PacketType.CONNECT_ERROR:
      return typeof payload === "string" || isObject(payload);
    case PacketType.EVENT: {
      const name: unknown = Array.isArray(payload) && payload[0];
      return (
        Array.isArray(payload) &&
        (typeof name === "number" || (typeof name === "string" && !RESERVED_EVENTS.includes(name)))
      );
    }
    case PacketType.ACK:
      return Array.isArray(payload);
    default:
      // DISCONNECT carries no payload, so any payload is invalid.
      return false;
  }
}

/** Decodes one text frame into a packet; throws on anything malformed or binary. */
function decode(frame: string): Packet {
  const type = Number(frame.charAt(0)) as PacketType;
  // Unknown types (and NaN) as in socket.io-parser, plus the binary ones (5 and 6).
  if (!(type <= PacketType.CONNECT_ERROR)) throw new Error(`unsupported packet type ${type}`);
  const packet: Packet = { type, nsp: "/" };
  let i = 0;
  if (frame.charAt(1) === "/") {
    i = frame.indexOf(",", 1);
    if (i === -1) i = frame.length;
    packet.nsp = frame.substring(1, i);
  }
  if (isIdChar(frame.charAt(i + 1))) {
    const start = i + 1;
    while (++i < frame.length && isIdChar(frame.charAt(i)));
    packet.id = Number(frame.substring(start, i--));
  }
  if (frame.charAt(++i)) {
    let payload: unknown = false;
    try {
      payload = JSON.parse(frame.slice(i));
    } catch {
      // Left false: invalid for every packet type, as in socket.io-parser.
    }
    if (!isPayloadValid(type, payload)) throw new Error("invalid payload");
    packet.data = payload;
  }
  return packet;
}

/** Turns frames into packets for socket.io-client, which listens with `on("decoded", ...)`. */
export class Decoder {
  private readonly listeners = new Set<(packet: Packet) => void>();

  on(_event: "decoded", listener: (packet: Packet) => void): this {
    this.listeners.add(listener);
    return this;
  }

  off(_event: "decoded", listener: (packet: Packet) => void): this {
    this.listeners.delete(listener);
    return this;
  }

  /** Throws on a binary or malformed frame; socket.io-client then closes with "parse error". */
  add(frame: unknown): void {
    if (typeof frame !== "string") throw new Error("binary packets are not supported");
    const packet = decode(frame);
    for (const listener of this.listeners) listener(packet);
  }

  destroy(): void {
    // Nothing is held between frames: no binary packet is ever half received.
  }
}

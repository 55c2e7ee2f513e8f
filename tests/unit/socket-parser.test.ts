/**
 * The embed's JSON-only Socket.IO codec (client/net/socket-parser.ts) against socket.io-parser,
 * which it replaces in the browser bundles: same frames out, same packets (or the same refusal)
 * in, on random packets and on random and hostile frames. Binary is the one difference, by design:
 * refused instead of reassembled.
 */
import fc from "fast-check";
import * as reference from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { Decoder, Encoder, PacketType } from "../../client/net/socket-parser.js";

type Outcome = { packet: unknown } | { error: true };

function decodeWith(decoder: { add(frame: unknown): void }, frame: unknown, take: () => unknown) {
  try {
    decoder.add(frame);
    return { packet: take() } satisfies Outcome;
  } catch {
    return { error: true } satisfies Outcome;
  }
}

function ours(frame: unknown): Outcome {
  const decoder = new Decoder();
  let packet: unknown;
  decoder.on("decoded", (p) => (packet = p));
  return decodeWith(decoder, frame, () => packet);
}

function theirs(frame: unknown): Outcome {
  const decoder = new reference.Decoder();
  let packet: unknown;
  decoder.on("decoded", (p: unknown) => (packet = p));
  return decodeWith(decoder, frame, () => packet);
}

const json = fc.jsonValue({ maxDepth: 3 });
const nsp = fc.oneof(fc.constant("/"), fc.constant("/admin"), fc.string({ maxLength: 6 }));
const packetArb = fc.record(
  {
    type: fc.constantFrom(0, 1, 2, 3, 4),
    nsp,
    id: fc.nat(),
    data: fc.oneof(json, fc.tuple(fc.string(), json), fc.array(json, { maxLength: 3 })),
  },
  { requiredKeys: ["type", "nsp"] },
);
/** Frames close to real ones, then bent: a type, maybe a namespace, maybe an id, maybe JSON. */
const frameArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom("0", "1", "2", "3", "4", "7", "x", ""),
      fc.constantFrom("", "/", "/chat,", "/chat", "/,"),
      fc.constantFrom("", "12", " 3", "0", "9007199254740993", "1e3"),
      fc.oneof(
        fc.constant(""),
        json.map((v) => JSON.stringify(v)),
        fc.constantFrom(
          '["connect"]',
          '["disconnect",1]',
          '["comment:created",{"id":"a"}]',
          "[1,2]",
          '"text"',
          "{",
          "null",
          '{"sid":"x"}',
          '["__proto__"]',
          '{"__proto__":{"polluted":true}}',
        ),
      ),
    )
    .map((parts) => parts.join("")),
);

describe("the embed's Socket.IO codec", () => {
  it("encodes every JSON packet into the frame socket.io-parser would send", () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        expect(new Encoder().encode(packet)).toEqual(new reference.Encoder().encode(packet));
      }),
      { numRuns: 500 },
    );
  });

  it("decodes every text frame as socket.io-parser does, or refuses it as it does", () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        expect(ours(frame)).toEqual(theirs(frame));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back what it writes", () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        const [frame] = new Encoder().encode(packet);
        expect(ours(frame)).toEqual(theirs(frame));
      }),
      { numRuns: 500 },
    );
  });

  it("decodes a real event and a real acknowledgement", () => {
    expect(ours('2["comment:created",{"id":"c1"}]')).toEqual({
      packet: { type: PacketType.EVENT, nsp: "/", data: ["comment:created", { id: "c1" }] },
    });
    expect(ours('317[{"ok":true}]')).toEqual({
      packet: { type: PacketType.ACK, nsp: "/", id: 17, data: [{ ok: true }] },
    });
  });

  it("refuses binary packets, binary frames and non-frames, where socket.io-parser would wait or throw", () => {
    for (const frame of [
      '51-["upload",{"_placeholder":true,"num":0}]',
      "61-17[]",
      new ArrayBuffer(4),
      new Uint8Array([1, 2]),
      { base64: true, data: "AA==" },
      42,
      null,
    ]) {
      expect(ours(frame)).toEqual({ error: true });
    }
  });

  it("stops telling a listener once it is removed", () => {
    const decoder = new Decoder();
    const seen: unknown[] = [];
    const listener = (p: unknown) => seen.push(p);
    decoder.on("decoded", listener);
    decoder.add("2[1]");
    decoder.off("decoded", listener);
    decoder.add("2[2]");
    decoder.destroy();
    expect(seen).toHaveLength(1);
  });
});

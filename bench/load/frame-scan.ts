/**
 * The byte searches both reader workers make on a raw Socket.IO frame, with no JSON parsing (a
 * reader process must not become the bottleneck it measures): is it a `comment:created`, and
 * what is the stamp `~p<phase>t<micros>~` the poster put in its body.
 */
const PREFIX = Buffer.from('42["comment:created",');
const MARK = Buffer.from("~p");
const T = 0x74; // "t"
const ZERO = 0x30;
const NINE = 0x39;

/** Where a `comment:created` frame's payload starts, or -1 for any other frame. */
export function commentCreatedAt(frame: Buffer): number {
  return frame.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) === 0 ? PREFIX.length : -1;
}

/** The decimal number at `i`, and the index after its last digit. */
export function readNumber(frame: Buffer, i: number): [number, number] {
  let value = 0;
  while (i < frame.length && frame[i]! >= ZERO && frame[i]! <= NINE) {
    value = value * 10 + frame[i]! - ZERO;
    i += 1;
  }
  return [value, i];
}

/** The poster's stamp in a comment frame (searched from `from`), or null when it has none. */
export function readStamp(frame: Buffer, from: number): { phase: number; sentAt: number } | null {
  const at = frame.indexOf(MARK, from);
  if (at < 0) return null;
  const [phase, afterPhase] = readNumber(frame, at + MARK.length);
  if (frame[afterPhase] !== T) return null;
  const [sentAt] = readNumber(frame, afterPhase + 1);
  return { phase, sentAt };
}

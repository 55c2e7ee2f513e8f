/** Parley's own ids (comments, users, requests), in core/ since both domain and stores make them. */
import { randomBytes } from "node:crypto";

const ID_BYTES = 12;
// Random bytes drawn 6 KiB at a time: one randomBytes call per id cost more than the rest of
// making it, on every request (request id) and every write.
const POOL_BYTES = ID_BYTES * 512;
let pool = Buffer.alloc(0);
let offset = 0;

/** A new opaque id: 16 URL-safe characters from 96 random bits. */
export function newId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString("base64url", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

// Request ids: 32 lowercase hex characters laid out as a UUIDv7 without its dashes — 48 bits of
// the receive time in ms, the version nibble 7, 12 random bits, the variant nibble (8, 9, a or b:
// 2 random bits), 60 random bits.
//
// Time first, because the request log keeps a unique index on the id: random (v4) ids land on a
// random page of that index, so every logged request dirtied a page of its own, and a write
// batch of a few hundred rows rewrote hundreds of index pages to the SQLite WAL. Time-ordered ids
// append to the index's last pages instead. 74 random bits keep ids unguessable and collisions
// out of reach (a birthday bound near 2^37 ids per millisecond).
import { randomFillSync } from 'node:crypto';

/** Random bytes are drawn from the OS in blocks of this size and handed out 10 at a time. */
const POOL_BYTES = 4_000;
const BYTES_PER_ID = 10;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

const VARIANT_NIBBLES = '89ab';

/** A new request id for a request received at `receivedAtMs` (epoch ms). */
export function newRequestId(receivedAtMs: number): string {
  if (offset + BYTES_PER_ID > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.toString('hex', offset, offset + BYTES_PER_ID);
  const variant = VARIANT_NIBBLES[(pool[offset] ?? 0) & 3] ?? '8';
  offset += BYTES_PER_ID;
  const time = Math.max(0, Math.floor(receivedAtMs)).toString(16).padStart(12, '0').slice(-12);
  // random: 20 hex characters; 3 + 15 of them are used, the first byte's low bits chose the variant.
  return `${time}7${random.slice(2, 5)}${variant}${random.slice(5, 20)}`;
}


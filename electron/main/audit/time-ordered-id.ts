import { randomBytes } from 'node:crypto';

// Crockford base32: sortable as text, no I/L/O/U to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_BYTES = 10;

let lastMs = -1;
let lastRandom: Buffer = Buffer.alloc(RANDOM_BYTES);

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Buffer): string {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

function increment(bytes: Buffer): Buffer {
  const next = Buffer.from(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] !== 0xff) {
      next[i] = (next[i] as number) + 1;
      return next;
    }
    next[i] = 0;
  }
  return next;
}

/**
 * A ULID: 48 bits of the given time then 80 random bits, 26 characters. Globally unique
 * without coordination (so a central store can merge desktops' records) and ordered by
 * time as text. Within one millisecond of one process the random part counts up, so ids
 * made in a row keep their order. The caller passes the time: main's clock, not Date.now().
 */
export function newTimeOrderedId(at: Date): string {
  const ms = at.getTime();
  if (ms === lastMs) {
    lastRandom = increment(lastRandom);
  } else {
    lastMs = ms;
    lastRandom = randomBytes(RANDOM_BYTES);
  }
  return encodeTime(ms) + encodeRandom(lastRandom);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ULID_RANDOM_BYTES = 16;
const RANDOM_CHARS = ULID_RANDOM_BYTES;

function timePart(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * ULIDs (time-ordered, globally unique; DESIGN section 8) for records created at `now`.
 * One factory per batch, and monotonic within it (the ULID spec's monotonic mode): the
 * 80 random bits are drawn once and each further id adds one. A policy run creates
 * hundreds of thousands of credits; ids in ascending order append to the primary key's
 * index instead of landing on a random page of it for every row. `seed` is RANDOM_CHARS
 * random bytes (shared/ reads no randomness itself: the desktop and the hub pass randomBytes).
 */
export function createUlidFactoryFrom(now: Date, seed: Uint8Array): () => string {
  if (seed.length < RANDOM_CHARS) throw new RangeError(`a ULID factory needs ${RANDOM_CHARS} random bytes`);
  const prefix = timePart(now.getTime());
  // 16 base-32 digits, most significant first; the top digit keeps a spare bit so that
  // adding one can never overflow all 80 bits in any realistic batch.
  const digits = Array.from(seed.subarray(0, RANDOM_CHARS), (byte, i) => (i === 0 ? byte & 15 : byte & 31));
  let first = true;
  return function nextUlid(): string {
    if (!first) {
      let i = RANDOM_CHARS - 1;
      while (digits[i] === 31) {
        digits[i] = 0;
        i -= 1;
      }
      digits[i] = (digits[i] as number) + 1;
    }
    first = false;
    let out = prefix;
    for (let i = 0; i < RANDOM_CHARS; i += 1) out += CROCKFORD[digits[i] as number];
    return out;
  };
}

import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;

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
 * One factory per batch: the time part is encoded once and randomness is drawn in bulk,
 * because a policy run creates hundreds of thousands of ids.
 */
export function createUlidFactory(now: Date): () => string {
  const prefix = timePart(now.getTime());
  let pool = Buffer.alloc(0);
  let offset = 0;
  return function nextUlid(): string {
    if (offset + RANDOM_CHARS > pool.length) {
      pool = randomBytes(RANDOM_CHARS * 4096);
      offset = 0;
    }
    let out = prefix;
    for (let i = 0; i < RANDOM_CHARS; i += 1) out += CROCKFORD[(pool[offset + i] as number) & 31];
    offset += RANDOM_CHARS;
    return out;
  };
}

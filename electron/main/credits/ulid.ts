import { randomBytes } from 'node:crypto';
import { createUlidFactoryFrom, ULID_RANDOM_BYTES } from '@shared/domain/ulid';

/** Monotonic ULIDs for records created at `now` (shared/domain/ulid.ts; the hub's policy run makes credit ids the same way). */
export function createUlidFactory(now: Date): () => string {
  return createUlidFactoryFrom(now, randomBytes(ULID_RANDOM_BYTES));
}

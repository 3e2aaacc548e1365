/**
 * A set of strings for the duplicate-key check of an import, which must remember every
 * key of a file of millions of rows. A Set<string> holds each key as a heap string plus
 * an entry (about 60 bytes a key: 128 MB for 2.1 million line ids); this one keeps the
 * characters of all keys in one byte arena and an open-addressing table of entry numbers
 * in typed arrays (about 20 bytes a key), outside the JS heap and its collector.
 * Membership is exact: a matching hash is confirmed by comparing the characters.
 * Keys with a character above U+00FF (source ids never have one) go to a plain Set.
 */
export interface CompactKeySet {
  /** Adds `key`; false when it was there already. */
  add(key: string): boolean;
  has(key: string): boolean;
  readonly size: number;
}

const EMPTY = 0;

function hashOf(key: string): number {
  // FNV-1a over the char codes.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function isLatin1(key: string): boolean {
  for (let i = 0; i < key.length; i += 1) if (key.charCodeAt(i) > 0xff) return false;
  return true;
}

export function createCompactKeySet(): CompactKeySet {
  let chars = new Uint8Array(1 << 16);
  let used = 0;
  /** Entry n's characters are chars[starts[n - 1] .. starts[n]); entry numbers start at 1. */
  let starts = new Uint32Array(1 << 12);
  let hashes = new Uint32Array(1 << 12);
  let count = 0;
  /** Slots hold an entry number, or EMPTY; kept at most half full. */
  let slots = new Uint32Array(1 << 13);
  const wide = new Set<string>();

  const startOf = (entry: number) => (entry === 1 ? 0 : (starts[entry - 2] as number));

  function equals(entry: number, key: string): boolean {
    const from = startOf(entry);
    if ((starts[entry - 1] as number) - from !== key.length) return false;
    for (let i = 0; i < key.length; i += 1) if (chars[from + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  function slotOf(key: string, hash: number): number {
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === EMPTY || (hashes[entry - 1] === hash && equals(entry, key))) return slot;
    }
  }

  function grow(): void {
    const next = new Uint32Array(slots.length * 2);
    const mask = next.length - 1;
    for (let entry = 1; entry <= count; entry += 1) {
      let slot = (hashes[entry - 1] as number) & mask;
      while (next[slot] !== EMPTY) slot = (slot + 1) & mask;
      next[slot] = entry;
    }
    slots = next;
  }

  function append(key: string, hash: number): number {
    if (used + key.length > chars.length) {
      const bigger = new Uint8Array(Math.max(chars.length * 2, used + key.length));
      bigger.set(chars.subarray(0, used));
      chars = bigger;
    }
    for (let i = 0; i < key.length; i += 1) chars[used + i] = key.charCodeAt(i);
    used += key.length;
    if (count === starts.length) {
      const biggerStarts = new Uint32Array(starts.length * 2);
      biggerStarts.set(starts);
      starts = biggerStarts;
      const biggerHashes = new Uint32Array(hashes.length * 2);
      biggerHashes.set(hashes);
      hashes = biggerHashes;
    }
    starts[count] = used;
    hashes[count] = hash;
    count += 1;
    return count;
  }

  return {
    add(key) {
      if (!isLatin1(key)) {
        if (wide.has(key)) return false;
        wide.add(key);
        return true;
      }
      const hash = hashOf(key);
      const slot = slotOf(key, hash);
      if (slots[slot] !== EMPTY) return false;
      slots[slot] = append(key, hash);
      if (count * 2 > slots.length) grow();
      return true;
    },
    has(key) {
      if (!isLatin1(key)) return wide.has(key);
      return slots[slotOf(key, hashOf(key))] !== EMPTY;
    },
    get size() {
      return count + wide.size;
    },
  };
}

import type Database from 'better-sqlite3';
import { createRng } from '../../electron/main/demo/prng';

export const benchModes = ['account number', 'phone E.164', 'phone national', 'email', 'postal code', 'name prefix'] as const;
export type BenchMode = (typeof benchModes)[number];

interface SampleRow {
  accountNumber: string;
  holderName: string;
  email: string;
  postalCode: string;
  number: string;
}

function national(e164: string): string {
  if (e164.startsWith('+1')) return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  if (e164.startsWith('+31')) return `0${e164.slice(3, 4)}-${e164.slice(4)}`;
  return e164;
}

function spaced(accountNumber: string): string {
  return accountNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What an agent would type: whole first name and the start of the surname, or a surname prefix. */
function namePrefix(holderName: string, roll: number): string {
  const words = holderName.split(' ');
  const last = words.at(-1) ?? holderName;
  if (roll < 0.4 || words.length < 2) return last.slice(0, Math.min(last.length, 4));
  if (roll < 0.8) return `${words[0]} ${last.slice(0, 2)}`;
  return holderName.toLowerCase();
}

/**
 * Draws `count` accounts at random (by seed) from the data set and writes, for each mode,
 * the text an agent would type to find them, in varied formats.
 */
export function sampleQueries(db: Database.Database, count: number, seed: number): Record<BenchMode, string[]> {
  const rng = createRng(seed);
  const maxId = (db.prepare('SELECT max(id) AS n FROM accounts').get() as { n: number }).n;
  const row = db.prepare<[number], SampleRow>(
    `SELECT account_number AS accountNumber, holder_name AS holderName, email, postal_code AS postalCode,
       (SELECT number_e164 FROM lines WHERE account_id = accounts.id ORDER BY id LIMIT 1) AS number
     FROM accounts WHERE id = ?`,
  );
  const queries: Record<BenchMode, string[]> = {
    'account number': [],
    'phone E.164': [],
    'phone national': [],
    email: [],
    'postal code': [],
    'name prefix': [],
  };
  while (queries['account number'].length < count) {
    const sample = row.get(rng.int(1, maxId));
    if (!sample || !sample.number || !sample.email) continue;
    queries['account number'].push(rng.chance(0.7) ? sample.accountNumber : spaced(sample.accountNumber));
    queries['phone E.164'].push(sample.number);
    queries['phone national'].push(national(sample.number));
    queries.email.push(rng.chance(0.5) ? sample.email : `${sample.email.split('@')[0]}@`);
    queries['postal code'].push(sample.postalCode);
    queries['name prefix'].push(namePrefix(sample.holderName, rng.next()));
  }
  return queries;
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommonPasswords } from '@shared/auth/password-policy';

// The same list the desktop bundles into main (resources/common-passwords.txt), read from the repository's copy.
const LIST_PATH = resolve(__dirname, '../../../resources/common-passwords.txt');

let parsed: ReadonlySet<string> | null = null;

/** The shipped list of common passwords, parsed once on first use (shared/auth/password-policy). */
export function commonPasswords(): ReadonlySet<string> {
  parsed ??= parseCommonPasswords(readFileSync(LIST_PATH, 'utf8'));
  return parsed;
}

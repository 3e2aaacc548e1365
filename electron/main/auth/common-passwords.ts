import { parseCommonPasswords } from '@shared/auth/password-policy';
import listText from '../../../resources/common-passwords.txt?raw';

let parsed: ReadonlySet<string> | null = null;

/** The list shipped in resources/common-passwords.txt (bundled into main), parsed once on first use. */
export function commonPasswords(): ReadonlySet<string> {
  parsed ??= parseCommonPasswords(listText);
  return parsed;
}

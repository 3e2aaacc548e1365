/** Fewer characters than this are refused for any operator's password. */
export const PASSWORD_MIN_LENGTH = 12;
/** The sign-in channel takes no more than this. */
export const PASSWORD_MAX_LENGTH = 256;

export const passwordProblems = ['too_short', 'too_long', 'too_common', 'contains_username'] as const;
export type PasswordProblem = (typeof passwordProblems)[number];

/** The form a password is compared in against the list of common ones (which is stored in it). */
export function commonPasswordKey(password: string): string {
  return password.normalize('NFC').toLowerCase();
}

/** Parses the shipped list: one password a line, `#` lines are comments. */
export function parseCommonPasswords(text: string): ReadonlySet<string> {
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (entry && !entry.startsWith('#')) set.add(commonPasswordKey(entry));
  }
  return set;
}

/**
 * Why a new password is refused, or null when it is acceptable. Length is counted in code
 * points, so a password of emoji is not cut short. No composition rules (NIST SP 800-63B):
 * length, a list of common passwords and the operator's own name are what is checked.
 */
export function checkNewPassword(password: string, username: string, common: ReadonlySet<string>): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const key = commonPasswordKey(password);
  if (common.has(key)) return 'too_common';
  const name = commonPasswordKey(username.trim());
  if (name.length >= 3 && key.includes(name)) return 'contains_username';
  return null;
}

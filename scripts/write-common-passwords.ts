/**
 * Writes resources/common-passwords.txt, the list of common passwords the app refuses.
 *
 * No published breach list can be fetched on the machines this project is built on, so the
 * list is written here by hand: base words that the well-known public top-password lists are
 * full of (and words this workplace invites: the carrier, the product, the seasons), combined
 * with the endings people add to reach a minimum length. Deterministic: same output every run.
 * Only entries of PASSWORD_MIN_LENGTH or more are kept; shorter ones fail on length already.
 *
 *   npx tsx scripts/write-common-passwords.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PASSWORD_MIN_LENGTH } from '../shared/auth/password-policy';

const WHOLE = [
  '123456789012', '1234567890123', '12345678901234', '123123123123', '111111111111', '000000000000',
  '123456123456', '121212121212', '987654321000', '098765432109', '112233445566', '147258369147',
  'qwertyuiopas', 'qwertyuiop123', 'qwertyuiop1234', 'asdfghjkl123', 'asdfghjkl1234', 'zxcvbnm12345',
  '1qaz2wsx3edc', '1q2w3e4r5t6y', 'q1w2e3r4t5y6', 'qazwsxedcrfv', 'zaq12wsxcde3', '!qaz2wsx#edc',
  'iloveyou1234', 'iloveyouforever', 'letmein12345', 'trustno1trustno1', 'passwordpassword',
  'correcthorsebatterystaple', 'thequickbrownfox', 'abcdefghijkl', 'abcdefg12345', 'abc123abc123',
  'aaaaaaaaaaaa', 'changeme1234', 'changemenow!', 'temporary123', 'temppassword', 'newpassword1',
  'mypassword12', 'secretpassword', 'supersecret1', 'opensesame12', 'administrator', 'administrator1',
];

const WORDS = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'qwerty', 'qwertyui', 'iloveyou', 'letmein', 'welcome',
  'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'basketball', 'soccer',
  'hockey', 'superman', 'batman', 'spiderman', 'starwars', 'pokemon', 'shadow', 'michael', 'jennifer',
  'jordan', 'hunter', 'charlie', 'freedom', 'whatever', 'trustno1', 'computer', 'internet', 'secret',
  'login', 'admin', 'administrator', 'root', 'user', 'guest', 'test', 'testing', 'default', 'changeme',
  'summer', 'winter', 'spring', 'autumn', 'january', 'february', 'march', 'april', 'august', 'october',
  'november', 'december', 'monday', 'friday', 'flower', 'butterfly', 'chocolate', 'cookie', 'cheese',
  'pepper', 'ginger', 'orange', 'banana', 'purple', 'yellow', 'silver', 'golden', 'diamond', 'love',
  'lovely', 'angel', 'baby', 'family', 'mother', 'father', 'daddy', 'mommy', 'forever', 'heaven',
  'jesus', 'blessed', 'hello', 'helloworld', 'happy', 'smile', 'tigger', 'buster', 'ginger', 'maggie',
  'bailey', 'coffee', 'matrix', 'killer', 'ninja', 'mustang', 'ferrari', 'corvette', 'harley',
  'yankees', 'cowboys', 'eagles', 'steelers', 'lakers', 'liverpool', 'arsenal', 'chelsea', 'barcelona',
  'ajax', 'feyenoord', 'amsterdam', 'rotterdam', 'holland', 'nederland', 'wachtwoord', 'welkom',
  'geheim', 'america', 'texas', 'chicago', 'dallas', 'newyork', 'london', 'berlin',
  'telecom', 'wireless', 'network', 'outage', 'credit', 'credits', 'outagecredit', 'creditdesk',
  'callcenter', 'support', 'helpdesk', 'service', 'customer', 'agent', 'supervisor', 'office',
  'company', 'att', 'atandt', 'cricket', 'verizon', 'tmobile', 'mobile', 'phone', 'iphone', 'android',
  'samsung', 'google', 'microsoft', 'windows', 'apple', 'facebook', 'linkedin', 'desk',
];

const ENDINGS = [
  '', '1', '12', '123', '1234', '12345', '123456', '1234567', '!', '!!', '1!', '123!', '1234!', '@123', '#1',
  '01', '007', '69', '99', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027',
  '2020!', '2023!', '2024!', '2025!', '2026!', '@2024', '@2025', '@2026', '#2024', '#2025', '#2026',
];

function variants(word: string): string[] {
  const capital = word.charAt(0).toUpperCase() + word.slice(1);
  return [word, capital, word + word];
}

const seen = new Set<string>();
const lines: string[] = [];
function add(candidate: string): void {
  const key = candidate.toLowerCase();
  if (candidate.length < PASSWORD_MIN_LENGTH || seen.has(key)) return;
  seen.add(key);
  lines.push(key);
}
WHOLE.forEach(add);
for (const word of WORDS) for (const form of variants(word)) for (const ending of ENDINGS) add(form + ending);

const header = [
  '# Common passwords the desk refuses (compared without regard to case).',
  '# Written for this project by scripts/write-common-passwords.ts from common base words and endings,',
  '# after the patterns of the public top-password lists: no published list could be fetched offline.',
];
writeFileSync(resolve(__dirname, '../resources/common-passwords.txt'), [...header, ...lines].join('\n') + '\n');
console.log(`${lines.length} passwords written`);

import { queueAgeBuckets } from '@shared/ipc/dashboard-channels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerLanguages } from '@shared/notices/notice-texts';
import type { SmsEncoding } from '@shared/notices/sms-segments';
import { Account, accountStatuses, brands, countries, lineStatuses, paymentTypes, segments, serviceTypes } from '@shared/domain/account';
import { creditSources, creditStatuses } from '@shared/domain/credit';
import { interfaceLocales, roles } from '@shared/domain/operator';
import { outageCauses } from '@shared/domain/outage';
import { consentMethods, overrideKinds, overrideReasonCodes, overrideRefusals, overrideStatuses } from '@shared/domain/override';
import { evidenceRefusals, faultKinds } from '@shared/domain/fault-report';
import { feedEntities } from '@shared/feeds/feed-entities';
import { rowReasons } from '@shared/feeds/row-problem';
import type { AuditChainView } from '@shared/ipc/audit-channels';
import { integrityAlarmReasons } from '@shared/ipc/audit-channels';
import { fileProblemCodes, importStates } from '@shared/ipc/feed-channels';
import { policyRunStates } from '@shared/ipc/policy-run-channels';
import { errorCodes } from '@shared/ipc/result';
import { chipStatuses, searchModes } from '@shared/ipc/search-channels';
import { confirmPaths, decisionStatuses, overrideReasons, ruleCodes, ruleOutcomes, type Decision, type DerivationStep } from '@shared/policy/decision';
import { builtInPolicies } from '@shared/policy/packs/built-in-policies';
import { MonthlyBase } from '@shared/policy/policy-schema';
import { screenPopRefusals } from '@shared/screen-pop/screen-pop-link';
import { messagesEn } from './messages-en';
import { messagesNl } from './messages-nl';
import { interpolate } from './translate';
import { passwordProblems } from '@shared/auth/password-policy';
import { operatorRefusals } from '@shared/ipc/operator-channels';
import { carrierTables } from '@shared/hub/changes';

const en: Record<string, string> = messagesEn;
const nl: Record<string, string> = messagesNl;

/**
 * Dutch values that may equal the English ones, each with its reason. Values with no word
 * outside their placeholders (`{region}, {postalCode}`) need no entry.
 */
const sameInDutch: Readonly<Record<string, string>> = {
  'app.productName': 'the product’s name',
  'brand.att': 'a brand',
  'brand.cricket': 'a brand',
  'languageName.en-US': 'a language is named in its own words',
  'languageName.nl-NL': 'a language is named in its own words',
  'notice.language.en': 'a customer language is named in its own words',
  'notice.language.nl': 'a customer language is named in its own words',
  'notice.language.es': 'a customer language is named in its own words',
  'notice.encoding.gsm7': 'the name of an SMS character set',
  'notice.encoding.ucs2': 'the name of a character set',
  'paymentType.prepaid': 'the Dutch word is “prepaid” too',
  'live.offlineBadge': 'the Dutch word is “offline” too',
  'nav.hub': 'the name of the hub server',
  'hub.title': 'the name of the hub server',
  'account.lines.status': 'the Dutch word is “status” too',
  'credits.column.status': 'the Dutch word is “status” too',
  'override.col.status': 'the Dutch word is “status” too',
  'approvals.filter.status': 'the Dutch word is “status” too',
  'duration.minutes': 'the unit “min” is Dutch too',
  'import.minutes': 'the unit “min” is Dutch too',
};

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

describe('the Dutch catalog beside the English one', () => {
  it('has exactly the English keys', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('keeps the placeholders of %s', (key) => {
    expect(placeholders(nl[key] ?? ''), nl[key]).toEqual(placeholders(en[key]!));
  });

  it.each(Object.keys(en))('has a Dutch text for %s', (key) => {
    const value = nl[key] ?? '';
    expect(value.trim()).not.toBe('');
    const hasWords = /\p{L}/u.test(value.replace(/\{\w+\}/g, ''));
    if (hasWords && !(key in sameInDutch)) expect(value, `translate ${key}, or allow it in sameInDutch with a reason`).not.toBe(en[key]);
  });

  it('shows every value it is given, in both languages, whatever the value', () => {
    const keys = Object.keys(en).filter((key) => placeholders(en[key]!).length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 8, maxLength: 8 }), (key, raw) => {
        const names = placeholders(en[key]!);
        // Distinct, brace-free values, so each one can be found in the text.
        const values = Object.fromEntries(names.map((name, i) => [name, `«${i}:${(raw[i % raw.length] ?? 'x').replace(/[{}«»]/g, '')}»`]));
        for (const text of [interpolate(en[key]!, values), interpolate(nl[key]!, values)]) {
          for (const value of Object.values(values)) expect(text).toContain(value);
          for (const name of names) expect(text).not.toContain(`{${name}}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('allows only values that really are the same, so the allow-list cannot hide an untranslated text', () => {
    for (const key of Object.keys(sameInDutch)) expect(nl[key], key).toBe(en[key]);
  });

  it('speaks to the customer with the polite u-form, never je or jij', () => {
    const informal = Object.entries(nl).filter(([, value]) => /\b(je|jij|jou|jouw)\b/i.test(value));
    expect(informal).toEqual([]);
  });

  it('names every policy and words every rule sentence in Dutch too', () => {
    const wordingKeys = Object.keys(en).filter((k) => /^(policyName|policyAudience|rule|ruleName)\./.test(k));
    expect(wordingKeys.length).toBeGreaterThan(90);
    for (const key of wordingKeys) expect(nl[key], key).not.toBe(en[key]);
    for (const policy of builtInPolicies) {
      expect(nl[`policyName.${policy.code}`], policy.code).toBeTypeOf('string');
      expect(nl[`policyAudience.${policy.code}`], policy.code).toBeTypeOf('string');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every key must be used by the renderer: literally, or through a key built at run time from one
// of the shared value lists below (the template must still be in the code).

const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!./messages-*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const code = Object.values(sources).join('\n');

/** Record-to-list: a compile error when the type gains a value the list does not have. */
function all<T extends string>(values: Record<T, true>): readonly T[] {
  return Object.keys(values) as T[];
}

type Counting = Extract<DerivationStep, { kind: 'flat_per_period' }>['counting'];
type ChainReason = Extract<AuditChainView, { ok: false }>['reason'];

interface Family {
  readonly prefix: string;
  readonly values: readonly string[];
  /** What must be in the code for the family to count as used; the template `prefix${` unless given. */
  readonly evidence?: string;
}

const families: readonly Family[] = [
  { prefix: 'error.', values: errorCodes },
  { prefix: 'snapshot.table.', values: carrierTables },
  { prefix: 'brand.', values: brands },
  { prefix: 'segment.', values: segments },
  { prefix: 'paymentType.', values: paymentTypes },
  { prefix: 'accountStatus.', values: accountStatuses },
  { prefix: 'lineStatus.', values: lineStatuses },
  { prefix: 'serviceType.', values: serviceTypes },
  { prefix: 'language.', values: Account.shape.preferredLanguage.options },
  { prefix: 'languageName.', values: interfaceLocales },
  { prefix: 'notice.language.', values: customerLanguages },
  { prefix: 'notice.encoding.', values: ['gsm7', 'ucs2'] satisfies SmsEncoding[] },
  { prefix: 'role.', values: roles },
  { prefix: 'mode.', values: searchModes },
  { prefix: 'matchedBy.', values: searchModes },
  { prefix: 'screenPop.reason.', values: screenPopRefusals },
  { prefix: 'country.', values: countries, evidence: "country: 'country'" },
  { prefix: 'cause.', values: outageCauses, evidence: "cause: 'cause'" },
  { prefix: 'policyName.', values: builtInPolicies.map((p) => p.code) },
  { prefix: 'policyAudience.', values: builtInPolicies.map((p) => p.code) },
  { prefix: 'ruleName.', values: ruleCodes },
  { prefix: 'rule.', values: ruleCodes.flatMap((c) => ruleOutcomes.map((o) => `${c}.${o}`)) },
  { prefix: 'outcome.', values: ruleOutcomes },
  { prefix: 'decision.status.', values: decisionStatuses },
  { prefix: 'decision.delivery.', values: all<Decision['delivery']['mode']>({ automatic: true, on_request: true }) },
  { prefix: 'review.', values: confirmPaths },
  { prefix: 'override.', values: overrideReasons },
  { prefix: 'override.kind.', values: overrideKinds },
  { prefix: 'override.reason.', values: overrideReasonCodes },
  { prefix: 'override.status.', values: overrideStatuses },
  // `needs_hub` is the reason main's hub handler gives with HUB_UNAVAILABLE (electron/main/ipc/hub-handlers.ts).
  { prefix: 'override.refusal.', values: [...overrideRefusals, 'needs_hub'] },
  { prefix: 'derivation.counting.', values: all<Counting>({ started: true, full: true }) },
  { prefix: 'derivation.base.', values: MonthlyBase.options },
  { prefix: 'derivation.baseTitle.', values: MonthlyBase.options },
  { prefix: 'credits.source.', values: creditSources },
  { prefix: 'credits.status.', values: creditStatuses },
  { prefix: 'policyRun.state.', values: policyRunStates },
  { prefix: 'policyRun.partState.', values: policyRunStates },
  // A run of several policies once it ended (running has the one text for both).
  { prefix: 'policyRun.stateSeveral.', values: policyRunStates.filter((state) => state !== 'running') },
  { prefix: 'import.state.', values: importStates },
  { prefix: 'feed.', values: feedEntities },
  { prefix: 'fileProblem.', values: fileProblemCodes },
  { prefix: 'rowReason.', values: rowReasons },
  { prefix: 'integrity.reason.', values: integrityAlarmReasons },
  { prefix: 'search.chip.', values: chipStatuses },
  { prefix: 'evidence.failed.', values: faultKinds },
  { prefix: 'evidence.refusal.', values: evidenceRefusals },
  { prefix: 'override.consent.', values: consentMethods },
  // The reasons main gives for a refused password (shared/auth/password-policy.ts, plus the auth service's same_as_current).
  { prefix: 'passwordProblem.', values: [...passwordProblems, 'same_as_current'] },
  // The reasons main gives for a refused change to an operator (electron/main/auth/operator-admin.ts).
  { prefix: 'operators.refusal.', values: operatorRefusals },
  { prefix: 'dashboard.age.', values: queueAgeBuckets },
  { prefix: 'audit.chainReason.', values: all<ChainReason>({ hash_mismatch: true, prev_hash_mismatch: true }) },
];

function usedLiterally(key: string): boolean {
  return code.includes(`'${key}'`) || code.includes(`"${key}"`) || code.includes(`\`${key}\``);
}

function usedThroughFamily(key: string): boolean {
  return families.some(
    (f) => key.startsWith(f.prefix) && f.values.includes(key.slice(f.prefix.length)) && code.includes(f.evidence ?? `\`${f.prefix}\${`),
  );
}

describe('catalog keys the code uses', () => {
  it('reads the renderer sources (so the check below cannot pass on nothing)', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(code).toContain("t('app.signOut')");
  });

  it('has no key that the renderer never uses', () => {
    const unused = Object.keys(en).filter((key) => !usedLiterally(key) && !usedThroughFamily(key));
    expect(unused).toEqual([]);
  });

  it.each(families)('still builds keys under $prefix at run time', (family) => {
    expect(code).toContain(family.evidence ?? `\`${family.prefix}\${`);
  });

  it('would notice an unused key', () => {
    expect(usedLiterally('decision.noSuchKey') || usedThroughFamily('decision.noSuchKey')).toBe(false);
    expect(usedThroughFamily('brand.verizon')).toBe(false);
    expect(usedThroughFamily('brand.att')).toBe(true);
  });
});

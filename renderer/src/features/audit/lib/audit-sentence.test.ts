import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventView } from '@shared/ipc/audit-channels';
import { applyInterfaceLanguage } from '../../../i18n/interface-language';
import { auditChanges } from './audit-changes';
import { auditSentence, auditSentenceText, knownAuditActions } from './audit-sentence';

const sam = { id: 3, username: 'sam', displayName: 'Sam Rivera' };
const ACCOUNT = '287100000002';

function event(action: string, change: Partial<AuditEventView> = {}): AuditEventView {
  return { seq: 1, id: 'E1', at: '2024-03-04T15:00:00.000Z', operator: sam, action, target: 'thing:1', accountNumber: null, before: null, after: null, hash: 'h', ...change };
}

const request = { accountNumber: ACCOUNT, kind: 'goodwill', amountMinor: 500, currency: 'USD', requestedBy: 'alice', status: 'pending' };

/** Each action kind as main writes it (its target and the fields it records), and the sentence it reads as. */
const cases: Array<[string, Partial<AuditEventView>, string]> = [
  ['override.submitted', { target: 'override_request:R', accountNumber: ACCOUNT, after: request }, `Sam Rivera filed an override request for account ${ACCOUNT}: Goodwill credit, $5.00.`],
  ['override.approved', { target: 'override_request:R', accountNumber: ACCOUNT, before: request, after: { ...request, status: 'approved' } }, `Sam Rivera approved the override request of $5.00 for account ${ACCOUNT}, filed by alice.`],
  ['override.rejected', { target: 'override_request:R', accountNumber: ACCOUNT, before: request, after: { ...request, status: 'rejected' } }, `Sam Rivera rejected the override request of $5.00 for account ${ACCOUNT}, filed by alice.`],
  ['override.withdrawn', { target: 'override_request:R', accountNumber: ACCOUNT, before: request, after: { ...request, status: 'withdrawn' } }, `Sam Rivera withdrew their override request of $5.00 for account ${ACCOUNT}.`],
  ['override.expired', { operator: null, target: 'override_request:R', accountNumber: ACCOUNT, before: { status: 'pending', version: 1 }, after: { status: 'expired', version: 2, expiryDays: 7 } }, `The override request for account ${ACCOUNT} expired: nobody decided it within 7 days.`],
  ['override.refused', { target: 'override_request:R', after: { operation: 'overridesDecide', code: 'CONFLICT', reason: 'own_request', details: null } }, 'Sam Rivera was refused (overridesDecide): You cannot decide a request you filed yourself.'],
  ['override.refused', { target: 'channel:overridesSubmit', after: { operation: 'overridesSubmit', code: 'CONFLICT', reason: 'over_request_cap' } }, 'Sam Rivera was refused (overridesSubmit): Someone else changed this record. Reload it and try again.'],
  ['override.refusals_repeated', { operator: null, target: 'channel:auditList', after: { operation: 'auditList', code: 'NOT_SIGNED_IN', repeats: 4 } }, 'The same refusal (auditList) came 4 more times without anyone signed in: You are not signed in. Sign in to continue.'],
  ['credit.created', { target: 'credit:C', accountNumber: ACCOUNT, after: { accountId: 9, amountMinor: 500, currency: 'USD', billDate: '2024-04-03', status: 'scheduled' } }, `Sam Rivera scheduled a credit of $5.00 for account ${ACCOUNT}, on the bill of Apr 3, 2024.`],
  ['credit.reversed', { target: 'credit:C', accountNumber: ACCOUNT, before: { status: 'scheduled', amountMinor: 500 }, after: { status: 'reversed' } }, `Sam Rivera reversed a credit on account ${ACCOUNT}.`],
  ['credit.reversal_line', { target: 'credit:C', accountNumber: ACCOUNT, before: { status: 'posted' }, after: { reversalLineId: 'L', amountMinor: -500 } }, `Sam Rivera took back an exported credit on account ${ACCOUNT} with a reversal line for billing.`],
  ['auth.signed_in', { target: 'operator:sam', after: { role: 'supervisor', via: 'local' } }, 'Sam Rivera signed in as Supervisor.'],
  ['auth.sign_in_failed', { operator: null, target: 'operator:mallory', after: { code: 'BAD_CREDENTIALS' } }, 'A sign-in as mallory failed.'],
  ['auth.locked', { target: 'operator:sam', after: { lockedUntil: '2024-03-04T15:15:00.000Z' } }, 'Sign-in as sam was locked after too many failed attempts.'],
  ['auth.password_rehashed', { target: 'operator:sam', before: { n: 1024 }, after: { n: 16384 } }, 'The stored password of Sam Rivera was re-hashed with the current strength at sign-in.'],
  ['operator.locale_changed', { target: 'operator:sam', before: { locale: 'en-US' }, after: { locale: 'nl-NL' } }, 'Sam Rivera changed their interface language to Nederlands.'],
  ['operator.created', { target: 'operator:bob', after: { displayName: 'Bob Baker', role: 'agent', active: true, mustChangePassword: true } }, 'Sam Rivera created operator Bob Baker (bob) as Agent, with a temporary password.'],
  ['operator.role_changed', { target: 'operator:bob', before: { role: 'agent' }, after: { role: 'supervisor' } }, 'Sam Rivera changed the role of bob to Supervisor.'],
  ['operator.daily_limit_changed', { target: 'operator:bob', before: { currency: 'USD', dailyTotalMinor: null }, after: { currency: 'USD', dailyTotalMinor: 7500 } }, 'Sam Rivera set the own daily limit of bob to $75.00.'],
  ['operator.daily_limit_changed', { target: 'operator:bob', before: { currency: 'EUR', dailyTotalMinor: 7500 }, after: { currency: 'EUR', dailyTotalMinor: null } }, 'Sam Rivera removed the own daily limit of bob in EUR: the site’s daily total applies.'],
  ['operator.deactivated', { target: 'operator:bob', before: { active: true }, after: { active: false } }, 'Sam Rivera deactivated operator bob.'],
  ['operator.reactivated', { target: 'operator:bob', before: { active: false }, after: { active: true } }, 'Sam Rivera reactivated operator bob.'],
  ['operator.password_reset', { target: 'operator:bob', before: { mustChangePassword: false }, after: { mustChangePassword: true } }, 'Sam Rivera reset the password of bob: a new one must be chosen at the next sign-in.'],
  ['operator.password_changed', { target: 'operator:sam', before: { mustChangePassword: true }, after: { mustChangePassword: false } }, 'Sam Rivera changed their own password.'],
  ['operator.password_change_failed', { target: 'operator:sam', after: { code: 'BAD_CREDENTIALS' } }, 'Sam Rivera tried to change their password, but the current password was wrong.'],
  ['override_settings.changed', { target: 'override_settings:1', before: { perRequestCapMinor: 5000 }, after: { perRequestCapMinor: 7500 } }, 'Sam Rivera changed the override limits.'],
  ['override_patterns.changed', { target: 'override_patterns:1', before: { rateFactor: 3 }, after: { rateFactor: 2.5 } }, 'Sam Rivera changed when requests are flagged for supervisors.'],
  ['policy_run.finished', { target: 'policy_run:R', after: { outageId: 1, state: 'finished', accounts: 1200, creditsWritten: 900 } }, expect.stringMatching(/^Sam Rivera ran the credit policies for an outage \(.+\): 900 credits written for 1200 accounts\.$/) as unknown as string],
  ['audit.integrity_acknowledged', { target: 'audit:anchor', before: { reason: 'events_missing' }, after: { note: 'Restored from backup.', anchor: 'weak' } }, 'Sam Rivera acknowledged the integrity alarm: “Restored from backup.”'],
  ['feed_import.finished', { target: 'import_run:R', after: { state: 'finished', files: [], rejected: 3 } }, expect.stringMatching(/^Sam Rivera imported feed files \(.+\); 3 rows were rejected\.$/) as unknown as string],
  ['billing_export.created', { target: 'export_batch:12', after: { lines: 40, sha256: 'x', fileName: 'f.csv' } }, 'Sam Rivera created billing export batch 12 with 40 lines.'],
  ['fault_report.recorded', { target: 'fault_report:F', accountNumber: ACCOUNT, after: { accountNumber: ACCOUNT } }, `Sam Rivera recorded the customer’s fault report for account ${ACCOUNT}.`],
  ['evidence.refused', { target: 'account:1|outage:2', after: { operation: 'evidenceRecordFault', code: 'CONFLICT', reason: 'x' } }, 'Sam Rivera was refused (evidenceRecordFault): Someone else changed this record. Reload it and try again.'],
  ['claim.registered', { target: 'credit_claim:K', accountNumber: ACCOUNT, after: { accountId: 9 } }, `Sam Rivera registered the customer’s claim for account ${ACCOUNT}.`],
  ['hub.standalone_archived', { target: 'archive:/x', after: { overrideRequests: 3, auditEvents: 40, sha256: 'x' } }, 'Sam Rivera archived this desktop’s own history (3 requests, 40 events) before it joined the hub.'],
  [
    'hub.cache_cleared',
    { target: 'hub:https://b.example', before: { hub: 'https://a.example', accounts: 12, credits: 3, overrideRequests: 2 }, after: { hub: 'https://b.example' } },
    'Sam Rivera enrolled this desktop at the hub https://b.example and cleared what it held from the hub https://a.example (12 accounts, 2 requests).',
  ],
];

afterEach(() => applyInterfaceLanguage('en-US'));

describe('the sentence of an audit event', () => {
  it.each(cases)('words %s', (action, change, sentence) => {
    expect(auditSentenceText(event(action, change), 'en-US')).toEqual(sentence);
  });

  it('words every action kind main writes (found in its sources)', () => {
    const sources = import.meta.glob<string>(['../../../../../electron/main/**/*.ts', '!../../../../../electron/main/**/*.test.ts'], { query: '?raw', import: 'default', eager: true });
    const code = Object.values(sources).join('\n');
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const written = new Set([...code.matchAll(/action(?::|\(|\s*===[^?]+\?)\s*'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!));
    for (const m of code.matchAll(/'([a-z_]+\.[a-z_]+)' : '([a-z_]+\.[a-z_]+)'/g)) written.add(m[1]!).add(m[2]!);
    for (const m of code.matchAll(/audit\('([a-z_]+\.[a-z_]+)'/g)) written.add(m[1]!);
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((action) => !knownAuditActions.includes(action))).toEqual([]);
  });

  it('has a case above for every action kind it words', () => {
    expect(new Set(cases.map(([action]) => action))).toEqual(new Set(knownAuditActions));
  });

  it.each(cases)('words %s in Dutch too, with every placeholder filled', (action, change) => {
    applyInterfaceLanguage('nl-NL');
    const text = auditSentenceText(event(action, change), 'nl-NL');
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toEqual(auditSentenceTextEn(action, change));
  });

  it('uses one catalog key per action kind', () => {
    for (const [action, change] of cases) expect(auditSentence(event(action, change), 'en-US').key).toMatch(new RegExp(`^auditEvent\\.${action.split('.')[0]}\\.`));
  });

  it('says "the app" when nobody was signed in', () => {
    expect(auditSentenceText(event('credit.created', { operator: null, accountNumber: ACCOUNT, after: { amountMinor: 310, currency: 'EUR', billDate: '2024-10-01' } }), 'en-US')).toBe(
      `The app scheduled a credit of €3.10 for account ${ACCOUNT}, on the bill of Oct 1, 2024.`,
    );
  });

  it.each([
    ['operator.renamed', null, 'Sam Rivera: operator renamed (thing:1).'],
    ['override.flagged_for_review', ACCOUNT, `Sam Rivera: override flagged for review, account ${ACCOUNT}.`],
    ['constructor', null, 'Sam Rivera: constructor (thing:1).'],
  ])('words an action kind it does not know (%s) as a readable sentence, never JSON', (action, accountNumber, sentence) => {
    expect(auditSentenceText(event(action, { accountNumber, after: { a: { b: [1, 2] } } }), 'en-US')).toBe(sentence);
  });
});

function auditSentenceTextEn(action: string, change: Partial<AuditEventView>): string {
  applyInterfaceLanguage('en-US');
  const text = auditSentenceText(event(action, change), 'en-US');
  applyInterfaceLanguage('nl-NL');
  return text;
}

describe('what an audit event changed', () => {
  it('lists only the fields that differ, worded, for a change', () => {
    const changes = auditChanges(event('override.approved', { before: request, after: { ...request, status: 'approved', decidedBy: 'sam' } }), 'en-US');
    expect(changes).toEqual([
      { field: 'status', label: 'Status', before: 'Pending', after: 'Approved' },
      { field: 'decidedBy', label: 'Decided by', before: null, after: 'sam' },
    ]);
  });

  it('lists every recorded field for a creation, amounts as money, nested values as text', () => {
    const changes = auditChanges(event('override.submitted', { after: { ...request, inKind: { description: 'A month of data', consentMethod: 'sms' }, flag: true } }), 'en-US');
    expect(changes).toContainEqual({ field: 'amountMinor', label: 'Amount', before: null, after: '$5.00' });
    expect(changes).toContainEqual({ field: 'inKind', label: 'in kind', before: null, after: 'description: A month of data; consent method: sms' });
    expect(changes).toContainEqual({ field: 'flag', label: 'flag', before: null, after: 'yes' });
    expect(changes.map((c) => c.field)).not.toContain('accountNumber');
  });

  it('words the site limits per currency as money in each currency, only the figure that changed differing', () => {
    const before = { perRequestCapMinor: { USD: 5_000, EUR: 5_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 20_000 }, expiryDays: 7 };
    const after = { ...before, perRequestCapMinor: { USD: 5_000, EUR: 4_000 } };
    expect(auditChanges(event('override_settings.changed', { target: 'override_settings:site', before, after }), 'en-US')).toEqual([
      { field: 'perRequestCapMinor', label: 'Limit per request', before: '$50.00, €50.00', after: '$50.00, €40.00' },
    ]);
  });
});

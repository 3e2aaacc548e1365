import { DEFAULT_PATTERN_THRESHOLDS } from '@shared/domain/override-patterns';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '@shared/ipc/channels';
import { channelNames } from '@shared/ipc/channels';
import type { ErrorCode } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { SESSION_IDLE_LOCK_MS } from '../../electron/main/auth/auth-policy';
import type { SenderInfo } from '../../electron/main/window/sender-info';
import { appOrigins, isTrustedSender } from '../../electron/main/window/is-trusted-sender';
import { TEST_PASSWORD_COST } from '../support/password-cost';
import { sameInEveryCurrency } from '@shared/domain/override';

const APP: SenderInfo = { url: 'app://desk/index.html', isAppTopFrame: true };
const MARIA = '287100000001';

const validInput: Record<ChannelName, unknown> = {
  authSignIn: { username: 'bob', password: 'agent-demo-2024' },
  authSignOut: {},
  authSession: {},
  operatorSetLocale: { locale: 'nl-NL' },
  operatorsList: {},
  // Taken already: an admin gets past the role check to the handler's CONFLICT.
  operatorsCreate: { username: 'ada', displayName: 'Another Ada', assignRole: 'agent', temporaryPassword: 'violet-harbour-lantern' },
  // No operator has this id: an admin gets past the role check to the handler's NOT_FOUND.
  operatorsSetRole: { targetId: 999_999, assignRole: 'supervisor' },
  operatorsSetDailyLimit: { targetId: 999_999, currency: 'USD', dailyTotalMinor: 10_000 },
  operatorsSetActive: { targetId: 999_999, active: false },
  operatorsResetPassword: { targetId: 999_999, temporaryPassword: 'violet-harbour-lantern' },
  // Not the current password: every signed-in role gets past the role check to BAD_CREDENTIALS.
  operatorChangeOwnPassword: { currentPassword: 'not-my-password', newPassword: 'violet-harbour-lantern' },
  hubEnrol: { code: 'ABCD-EFGH-JKLM', name: 'Floor 2, seat 14' },
  hubStatus: {},
  hubIntegrationTokensList: {},
  hubIntegrationTokenCreate: { label: 'Phone system' },
  hubIntegrationTokenRevoke: { id: 1 },
  searchAccounts: { query: 'muller' },
  clipboardWriteText: { text: 'A notice for the customer' },
  notifyDesktop: { title: 'Approval queue', body: '1 request waiting' },
  searchEligibility: { accountNumbers: ['287100000001'] },
  accountsGet: { accountNumber: MARIA },
  decisionsForAccount: { accountNumber: MARIA },
  policyRunOutages: {},
  policyRunStart: { outageId: 1 },
  // Another outage than the start's: a preview of an outage whose run is still going is CONFLICT.
  policyRunPreview: { outageId: 2 },
  // No run has this id: an admin gets past the role check to the handler's NOT_FOUND.
  policyRunStatus: { runId: 'no-such-run' },
  policyRunCancel: { runId: 'no-such-run' },
  overridesOptions: { accountNumber: MARIA },
  // No such account or request: a permitted role gets past the role check to the handler's NOT_FOUND.
  overridesSubmit: {
    clientRequestId: '5b0d7a4e-8c1f-4e1a-9a57-2f0c1d9e0b11',
    accountNumber: '999999999999',
    outageId: 1,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'service_recovery',
    justification: 'Customer lost service for a full day.',
    interactionRef: 'CALL-1',
  },
  overridesMine: {},
  faultReportsRecord: {
    clientRequestId: '6f1c2a4e-8b0d-4c1e-9a3f-2b7d5e6f8a90',
    accountNumber: '999999999',
    outageId: 1,
    lineId: null,
    fromAt: '2024-02-22T09:00:00.000Z',
    toAt: null,
    failed: ['calls'],
    note: 'No calls at all since the morning, on every phone.',
    interactionRef: 'CALL-1',
  },
  claimsRegister: { accountNumber: '999999999', outageId: 1, policyCode: 'verizon-2026-01-outage-credit', interactionRef: 'CALL-1' },
  faultReportsList: {},
  overridesWithdraw: { requestId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', version: 1 },
  overridesQueue: {},
  overridesDecide: { requestId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', version: 1, decision: 'reject', note: 'no' },
  overridesSettingsGet: {},
  overridesSettingsSet: { perRequestCapMinor: sameInEveryCurrency(5000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays: 7, siteTimeZone: 'UTC' },
  overridesPatternsGet: {},
  overridesPatternsSet: { ...DEFAULT_PATTERN_THRESHOLDS },
  auditList: {},
  auditVerify: {},
  dashboardSummary: {},
  dashboardSaveCsv: { figure: 'queue-age', csv: 'waited,requests\r\nunder1h,1\r\n' },
  auditIntegrity: {},
  auditIntegrityAcknowledge: { note: 'Checked: restored from last night\'s backup.' },
  feedScan: { mode: 'files' },
  feedImportStart: { scanId: '01HQ0000000000000000000000' },
  feedImportStatus: { runId: '01HQ0000000000000000000000' },
  feedImportCancel: { runId: '01HQ0000000000000000000000' },
  feedImportOpenReport: { runId: '01HQ0000000000000000000000' },
  feedImportSaveReport: { runId: '01HQ0000000000000000000000' },
  exportCreateBatch: {},
  exportListBatches: {},
  exportWriteBatch: { batchNumber: 999_999 },
  recoveryStatus: {},
  recoveryRestoreLatest: {},
  screenPopNext: {},
  changesNext: { afterVersion: null },
};

type State = 'signed out' | 'agent' | 'supervisor' | 'admin' | 'idle-locked';
const credentials = {
  agent: ['alice', 'agent-demo-2024'],
  supervisor: ['sam', 'supervisor-demo-2024'],
  admin: ['ada', 'admin-demo-2024'],
} as const;

// Written out rather than derived from channels.ts, so that loosening a channel's access fails here.
const expected: Record<ChannelName, Record<State, 'ok' | ErrorCode>> = {
  authSignIn: { 'signed out': 'ok', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'ok' },
  authSignOut: { 'signed out': 'ok', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'ok' },
  authSession: { 'signed out': 'ok', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'ok' },
  operatorSetLocale: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  operatorsList: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  operatorsCreate: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'CONFLICT', 'idle-locked': 'SESSION_LOCKED' },
  operatorsSetRole: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  operatorsSetDailyLimit: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  operatorsSetActive: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  operatorsResetPassword: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  operatorChangeOwnPassword: { 'signed out': 'NOT_SIGNED_IN', agent: 'BAD_CREDENTIALS', supervisor: 'BAD_CREDENTIALS', admin: 'BAD_CREDENTIALS', 'idle-locked': 'SESSION_LOCKED' },
  // A standalone desktop has no hub to enrol with.
  hubEnrol: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'HUB_UNAVAILABLE', 'idle-locked': 'SESSION_LOCKED' },
  hubStatus: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  // A standalone desktop has no hub to ask: an admin gets past the role check to HUB_UNAVAILABLE.
  hubIntegrationTokensList: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'HUB_UNAVAILABLE', 'idle-locked': 'SESSION_LOCKED' },
  hubIntegrationTokenCreate: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'HUB_UNAVAILABLE', 'idle-locked': 'SESSION_LOCKED' },
  hubIntegrationTokenRevoke: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'HUB_UNAVAILABLE', 'idle-locked': 'SESSION_LOCKED' },
  searchAccounts: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  clipboardWriteText: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  notifyDesktop: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  searchEligibility: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  accountsGet: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  decisionsForAccount: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  policyRunOutages: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  policyRunStart: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  policyRunPreview: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  policyRunStatus: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  policyRunCancel: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  overridesOptions: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  overridesSubmit: { 'signed out': 'NOT_SIGNED_IN', agent: 'NOT_FOUND', supervisor: 'NOT_FOUND', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  faultReportsRecord: { 'signed out': 'NOT_SIGNED_IN', agent: 'NOT_FOUND', supervisor: 'NOT_FOUND', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  claimsRegister: { 'signed out': 'NOT_SIGNED_IN', agent: 'NOT_FOUND', supervisor: 'NOT_FOUND', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  faultReportsList: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  overridesMine: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  overridesWithdraw: { 'signed out': 'NOT_SIGNED_IN', agent: 'NOT_FOUND', supervisor: 'NOT_FOUND', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  overridesQueue: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  overridesDecide: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'NOT_FOUND', admin: 'FORBIDDEN_ROLE', 'idle-locked': 'SESSION_LOCKED' },
  overridesSettingsGet: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  overridesSettingsSet: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  overridesPatternsGet: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  overridesPatternsSet: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  auditList: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  auditVerify: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  dashboardSummary: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  dashboardSaveCsv: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  auditIntegrity: { 'signed out': 'NOT_SIGNED_IN', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  // Without an alarm there is nothing to acknowledge.
  auditIntegrityAcknowledge: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'CONFLICT', 'idle-locked': 'SESSION_LOCKED' },
  feedScan: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  feedImportStart: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  feedImportStatus: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  feedImportCancel: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  feedImportOpenReport: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  feedImportSaveReport: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  exportCreateBatch: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  exportListBatches: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'ok', 'idle-locked': 'SESSION_LOCKED' },
  exportWriteBatch: { 'signed out': 'NOT_SIGNED_IN', agent: 'FORBIDDEN_ROLE', supervisor: 'FORBIDDEN_ROLE', admin: 'NOT_FOUND', 'idle-locked': 'SESSION_LOCKED' },
  // Public: in recovery mode nobody can sign in. On a healthy database restoring is refused.
  recoveryStatus: { 'signed out': 'ok', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'ok' },
  recoveryRestoreLatest: { 'signed out': 'CONFLICT', agent: 'CONFLICT', supervisor: 'CONFLICT', admin: 'CONFLICT', 'idle-locked': 'CONFLICT' },
  // Public: waiting for a screen-pop is not activity (it answers null while nobody is signed in).
  screenPopNext: { 'signed out': 'ok', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'ok' },
  // Public for the same reason: waiting for the data to move is not activity.
  changesNext: { 'signed out': 'ok', agent: 'ok', supervisor: 'ok', admin: 'ok', 'idle-locked': 'ok' },
};

let dir: string;
let backend: Backend;
let nowMs = Date.parse('2024-03-04T15:00:00.000Z');
const internalErrors: string[] = [];

async function enter(state: State): Promise<void> {
  backend.auth.signOut();
  if (state === 'signed out') return;
  const [username, password] = state === 'idle-locked' ? credentials.agent : credentials[state];
  const signedIn = await backend.dispatch('authSignIn', { username, password }, APP);
  expect(signedIn.ok).toBe(true);
  if (state === 'idle-locked') nowMs += SESSION_IDLE_LOCK_MS;
}

function codeOf(result: Awaited<ReturnType<Backend['dispatch']>>): 'ok' | ErrorCode {
  return result.ok ? 'ok' : result.error.code;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-ipc-'));
  const origins = appOrigins();
  backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    // A signed-in screenPopNext waits this long for a link that never comes.
    screenPopWaitMs: 5,
    dbPath: join(dir, 'desk.sqlite'),
    seedDemo: true,
    clock: () => new Date(nowMs),
    isTrustedSender: (sender) => isTrustedSender(sender, origins),
    onInternalError: (channel) => internalErrors.push(channel),
  });
});

afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('authorization of every channel', () => {
  const cases = channelNames.flatMap((channel) =>
    (['signed out', 'agent', 'supervisor', 'admin', 'idle-locked'] as const).map((state) => ({
      channel,
      state,
      code: expected[channel][state],
    })),
  );

  it.each(cases)('$channel when $state answers $code', async ({ channel, state, code }) => {
    await enter(state);
    expect(codeOf(await backend.dispatch(channel, validInput[channel], APP))).toBe(code);
  });

  it('covers every declared channel', () => {
    expect(Object.keys(expected).sort()).toEqual([...channelNames].sort());
  });

  it('refuses every channel from a sender that is not the app top frame, signed in or not', async () => {
    await enter('admin');
    for (const channel of channelNames) {
      for (const sender of [
        { url: 'app://desk/index.html', isAppTopFrame: false },
        { url: 'app://desk.evil/index.html', isAppTopFrame: true },
        { url: 'https://example.com/', isAppTopFrame: true },
      ]) {
        expect(codeOf(await backend.dispatch(channel, validInput[channel], sender))).toBe('FORBIDDEN_SENDER');
      }
    }
    expect(backend.auth.current(new Date(nowMs))?.username).toBe('ada');
  });

  it('refuses an unknown channel', async () => {
    expect(codeOf(await backend.dispatch('adminDropDatabase', {}, APP))).toBe('UNKNOWN_CHANNEL');
    expect(codeOf(await backend.dispatch('__proto__', {}, APP))).toBe('UNKNOWN_CHANNEL');
  });
});

describe('the renderer cannot name the operator', () => {
  it.each(channelNames)('%s refuses an operator field in its input', async (channel) => {
    await enter('agent');
    const input = { ...(validInput[channel] as object), operatorId: 1, role: 'admin' };
    const result = await backend.dispatch(channel, input, APP);
    expect(codeOf(result)).toBe('INVALID_INPUT');
    expect(backend.auth.current(new Date(nowMs))).toMatchObject({ username: 'alice', role: 'agent' });
  });
});

describe('handlers through the dispatcher', () => {
  it('finds Maria Müller by "muller" and opens her account', async () => {
    await enter('agent');
    const search = await backend.dispatch('searchAccounts', { query: 'muller' }, APP);
    expect(search.ok && (search.value as { results: Array<{ accountNumber: string }> }).results.map((r) => r.accountNumber)).toContain(MARIA);
    const account = await backend.dispatch('accountsGet', { accountNumber: MARIA }, APP);
    expect(account).toMatchObject({ ok: true, value: { account: { accountNumber: MARIA, holderName: 'Maria Müller' } } });
  });

  it('answers NOT_FOUND for an account number that does not exist', async () => {
    await enter('supervisor');
    expect(codeOf(await backend.dispatch('accountsGet', { accountNumber: '999999999999' }, APP))).toBe('NOT_FOUND');
  });

  it('reports the signed-in operator on authSession and nobody after authSignOut', async () => {
    await enter('supervisor');
    expect(await backend.dispatch('authSession', {}, APP)).toMatchObject({ ok: true, value: { username: 'sam', role: 'supervisor' } });
    await backend.dispatch('authSignOut', {}, APP);
    expect(await backend.dispatch('authSession', {}, APP)).toEqual({ ok: true, value: null });
  });

  it('turns a handler exception into INTERNAL without leaking its message', async () => {
    const crashDir = mkdtempSync(join(tmpdir(), 'ocd-ipc-crash-'));
    const onInternalError = vi.fn();
    const crashing = createBackend({
      passwordCost: TEST_PASSWORD_COST,
      dbPath: join(crashDir, 'desk.sqlite'),
      seedDemo: true,
      clock: () => new Date(nowMs),
      isTrustedSender: () => true,
      onInternalError,
    });
    expect((await crashing.dispatch('authSignIn', { username: 'alice', password: 'agent-demo-2024' }, APP)).ok).toBe(true);
    crashing.db.close();
    const result = await crashing.dispatch('searchAccounts', { query: 'muller' }, APP);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(onInternalError).toHaveBeenCalledWith('searchAccounts', expect.any(Error));
    crashing.close();
    rmSync(crashDir, { recursive: true, force: true });
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventView, AuditPage } from '@shared/ipc/audit-channels';
import { ok } from '@shared/ipc/result';
import { deferred, fail, installFakeDesk } from '../../../test/fake-desk';
import { sessionFixture } from '../../../test/fixtures';
import { useSessionStore } from '../../../stores/session-store';
import { useAuditStore } from '../stores/audit-store';
import { AuditScreen } from './audit-screen';

const alice = { id: 2, username: 'alice', displayName: 'Alice Agent' };
const sam = { id: 3, username: 'sam', displayName: 'Sam Supervisor' };

function event(seq: number, change: Partial<AuditEventView> = {}): AuditEventView {
  return {
    seq,
    id: `01HQ00000000000000000000${String(seq).padStart(2, '0')}`,
    at: '2024-03-04T15:00:00.000Z',
    operator: alice,
    action: 'override.submitted',
    target: 'override_request:01HQ0000000000000000000000',
    accountNumber: '287100000002',
    before: null,
    after: { status: 'pending', amountMinor: 500, currency: 'USD', kind: 'goodwill', accountNumber: '287100000002' },
    hash: 'a'.repeat(64),
    ...change,
  };
}

const approved = event(2, {
  operator: sam,
  action: 'override.approved',
  at: '2024-03-04T16:30:00.000Z',
  before: { status: 'pending', amountMinor: 500, currency: 'USD', requestedBy: 'alice', decisionNote: null },
  after: { status: 'approved', amountMinor: 500, currency: 'USD', requestedBy: 'alice', decisionNote: 'Within policy.' },
});

function page(events: AuditEventView[], next: AuditPage['next'] = null): AuditPage {
  return { events, next, operators: [alice, sam] };
}

const verifies = async () => ok({ ok: true as const, count: 2 });

beforeEach(() => {
  useAuditStore.getState().reset();
  useSessionStore.setState({ session: sessionFixture({ timeZone: 'America/Chicago' }) });
});

describe('the audit screen', () => {
  it('says it is loading, then shows each event as a sentence at the operator’s local time', async () => {
    const reply = deferred<ReturnType<typeof ok<AuditPage>>>();
    installFakeDesk({ auditList: () => reply.promise, auditVerify: verifies });
    render(<AuditScreen />);
    expect(await screen.findByText('Loading events…')).toBeInTheDocument();
    reply.resolve(ok(page([approved, event(1)])));
    const items = await screen.findAllByTestId('audit-event');
    expect(items[0]).toHaveTextContent('Sam Supervisor approved the override request of $5.00 for account 287100000002, filed by alice.');
    // 16:30 UTC is 10:30 in Chicago, the session's zone in the fixtures.
    expect(within(items[0]!).getByText(/10:30/)).toHaveAttribute('datetime', '2024-03-04T16:30:00.000Z');
    expect(items[1]).toHaveTextContent('Alice Agent filed an override request for account 287100000002: Goodwill credit, $5.00.');
    expect(screen.queryByText(/\{"/)).toBeNull();
  });

  it('shows what changed as before and after, worded', async () => {
    installFakeDesk({ auditList: async () => ok(page([approved])), auditVerify: verifies });
    render(<AuditScreen />);
    const item = (await screen.findAllByTestId('audit-event'))[0]!;
    const status = within(item).getByRole('row', { name: /Status/ });
    expect(status).toHaveTextContent('StatusPendingApproved');
    expect(within(item).getByRole('row', { name: /Decision note/ })).toHaveTextContent('Decision note—Within policy.');
    expect(within(item).queryByRole('row', { name: /Amount/ })).toBeNull();
  });

  it('says so when no event matches', async () => {
    installFakeDesk({ auditList: async () => ok(page([])), auditVerify: verifies });
    render(<AuditScreen />);
    expect(await screen.findByText('No events match these filters.')).toBeInTheDocument();
  });

  it('shows why the log could not be read, and tries again', async () => {
    const desk = installFakeDesk({ auditList: () => fail('FORBIDDEN_ROLE'), auditVerify: verifies });
    render(<AuditScreen />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Your role does not allow this action.');
    desk.auditList.mockImplementation(async () => ok(page([event(1)])));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('audit-event')).toHaveLength(1);
  });

  it('sends the filters: operator, action, account and the dates as local days', async () => {
    const desk = installFakeDesk({ auditList: async () => ok(page([event(1)])), auditVerify: verifies });
    render(<AuditScreen />);
    await screen.findAllByTestId('audit-event');
    await userEvent.selectOptions(screen.getByLabelText('Operator'), 'Sam Supervisor (sam)');
    await userEvent.selectOptions(screen.getByLabelText('Action'), 'Override approved');
    await userEvent.type(screen.getByLabelText('Account number'), '2871 0000 0002');
    await userEvent.type(screen.getByLabelText('From'), '2024-03-04');
    await userEvent.type(screen.getByLabelText('To'), '2024-03-04');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(desk.auditList).toHaveBeenLastCalledWith({
      operatorId: 3,
      action: 'override.approved',
      accountNumber: '287100000002',
      // Midnight to midnight in Chicago (CST, UTC-6).
      from: '2024-03-04T06:00:00.000Z',
      to: '2024-03-05T06:00:00.000Z',
      limit: 50,
    });
  });

  it('refuses an account number that cannot be one, without asking main', async () => {
    const desk = installFakeDesk({ auditList: async () => ok(page([event(1)])), auditVerify: verifies });
    render(<AuditScreen />);
    await screen.findAllByTestId('audit-event');
    await userEvent.type(screen.getByLabelText('Account number'), '12ab');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByText('An account number has 9 to 12 digits.')).toBeInTheDocument();
    expect(desk.auditList).toHaveBeenCalledTimes(1);
  });

  it('pages to older events from where the last page ended, with the same filters', async () => {
    const cursor = { at: '2024-03-04T15:00:00.000Z', seq: 1 };
    const desk = installFakeDesk({
      auditList: async (input) => ok(input.after ? page([event(1, { at: '2024-03-03T15:00:00.000Z' })]) : page([approved, event(1)], cursor)),
      auditVerify: verifies,
    });
    render(<AuditScreen />);
    await screen.findAllByTestId('audit-event');
    expect(screen.getByText(/Showing 2 events, newest first\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show older events' }));
    expect(await screen.findAllByTestId('audit-event')).toHaveLength(3);
    expect(desk.auditList).toHaveBeenLastCalledWith({ after: cursor, limit: 50 });
    expect(screen.getByText(/That is every event that matches\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show older events' })).toBeNull();
  });

  it('words an action this build does not know as a sentence, not as JSON', async () => {
    installFakeDesk({
      auditList: async () => ok(page([event(1, { action: 'operator.title_changed', target: 'operator:bob', accountNumber: null, before: { role: 'agent' }, after: { role: 'supervisor' } })])),
      auditVerify: verifies,
    });
    render(<AuditScreen />);
    const item = (await screen.findAllByTestId('audit-event'))[0]!;
    expect(item).toHaveTextContent('Alice Agent: operator title changed (operator:bob).');
    expect(within(item).getByRole('row', { name: /Role/ })).toHaveTextContent('RoleAgentSupervisor');
  });

  it('reports a broken chain clearly, with the event where it breaks', async () => {
    installFakeDesk({
      auditList: async () => ok(page([event(1)])),
      auditVerify: async () => ok({ ok: false, count: 9, brokenAtSeq: 4, reason: 'hash_mismatch' }),
    });
    render(<AuditScreen />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The audit chain is broken at event 4 (its content no longer matches its hash).');
    expect(await screen.findAllByTestId('audit-event')).toHaveLength(1);
  });

  it('says when the anchor of the audit log is weak on this computer, and that a hub is the record', async () => {
    installFakeDesk({
      auditList: async () => ok(page([event(1)])),
      auditVerify: verifies,
      auditIntegrity: async () => ok({ alarm: null, anchor: 'weak', hubConfigured: true }),
    });
    render(<AuditScreen />);
    const anchor = await screen.findByTestId('audit-anchor');
    expect(anchor).toHaveTextContent("This computer has no keychain for the app (for example Linux without a keyring), so the audit log's anchor is stored unprotected and is weak here");
    expect(anchor).toHaveTextContent("the hub's audit chain is the record");
  });

  it('says the anchor is sealed with the keychain where there is one', async () => {
    installFakeDesk({ auditList: async () => ok(page([event(1)])), auditVerify: verifies });
    render(<AuditScreen />);
    expect(await screen.findByTestId('audit-anchor')).toHaveTextContent("The audit log's anchor is sealed with this computer's keychain.");
  });

  it('says the chain verifies and how many events it holds', async () => {
    installFakeDesk({ auditList: async () => ok(page([event(1)])), auditVerify: async () => ok({ ok: true, count: 1 }) });
    render(<AuditScreen />);
    expect(await screen.findByTestId('audit-chain')).toHaveTextContent('The audit chain verifies: 1 event, not changed.');
  });
});

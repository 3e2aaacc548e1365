import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { AuditScreen } from './audit-screen';

const event = {
  seq: 1,
  id: '01HQ0000000000000000000000',
  at: '2024-03-04T15:00:00.000Z',
  operator: 'alice',
  action: 'override.submitted',
  target: 'override_request:01HQ0000000000000000000000',
  before: null,
  after: '{"status":"pending"}',
  hash: 'a'.repeat(64),
};

describe('the audit screen', () => {
  it('reports a broken chain clearly, with the event where it breaks', async () => {
    installFakeDesk({
      auditList: async () => ok([event]),
      auditVerify: async () => ok({ ok: false, count: 9, brokenAtSeq: 4, reason: 'hash_mismatch' }),
    });
    render(<AuditScreen />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The audit chain is broken at event 4 (its content no longer matches its hash).',
    );
    expect(screen.getByRole('cell', { name: 'override.submitted' })).toBeInTheDocument();
  });

  it('says when the anchor of the audit log is weak on this computer, and that a hub is the record', async () => {
    installFakeDesk({
      auditList: async () => ok([event]),
      auditVerify: async () => ok({ ok: true, count: 1 }),
      auditIntegrity: async () => ok({ alarm: null, anchor: 'weak', hubConfigured: true }),
    });
    render(<AuditScreen />);
    const anchor = await screen.findByTestId('audit-anchor');
    expect(anchor).toHaveTextContent("This computer has no keychain for the app (for example Linux without a keyring), so the audit log's anchor is stored unprotected and is weak here");
    expect(anchor).toHaveTextContent("the hub's audit chain is the record");
  });

  it('says the anchor is sealed with the keychain where there is one', async () => {
    installFakeDesk({ auditList: async () => ok([event]), auditVerify: async () => ok({ ok: true, count: 1 }) });
    render(<AuditScreen />);
    expect(await screen.findByTestId('audit-anchor')).toHaveTextContent("The audit log's anchor is sealed with this computer's keychain.");
  });

  it('says the chain verifies and how many events it holds', async () => {
    installFakeDesk({ auditList: async () => ok([event]), auditVerify: async () => ok({ ok: true, count: 1 }) });
    render(<AuditScreen />);
    expect(await screen.findByTestId('audit-chain')).toHaveTextContent('The audit chain verifies: 1 event, not changed.');
  });
});

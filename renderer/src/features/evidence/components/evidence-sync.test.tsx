import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { applyInterfaceLanguage } from '../../../i18n/interface-language';
import { operationRefusalReasons } from '@shared/hub/operations';
import { verizon202601OutageCredit } from '@shared/policy/packs/verizon-2026-01-outage-credit';
import { AS_OF, decide, lines, makeItRight } from '../../../test/decision-fixtures';
import { useEvidenceStore } from '../stores/evidence-store';
import { evidenceSyncRefusalText } from '../lib/evidence-sync-text';
import { EvidencePanel } from './evidence-panel';

afterEach(() => {
  useEvidenceStore.getState().reset();
  applyInterfaceLanguage('en-US');
});

const report = {
  id: 'FR1',
  accountId: 1,
  lineId: null,
  outageId: 3,
  fromAt: '2024-02-22T09:00:00.000Z',
  toAt: null,
  failed: ['calls' as const],
  reportedAt: '2024-03-04T15:00:00.000Z',
  note: 'No calls at all on either phone the whole morning.',
  interactionRef: 'CALL-9',
  recordedBy: 'alice',
};

const claim = {
  id: 'CL1',
  accountId: 1,
  outageId: 3,
  policyCode: 'make-it-right',
  claimedAt: '2024-03-04T15:00:00.000Z',
  interactionRef: 'CALL-9',
  recordedBy: 'alice',
  creditId: null,
};

function data(change: Partial<AccountDecisions>): AccountDecisions {
  return { accountNumber: '287100000001', asOf: AS_OF, lines: [...lines], decisions: [decide(makeItRight)], credits: [], faultReports: [], claims: [], ...change };
}

function show(change: Partial<AccountDecisions>, locale = 'en-US') {
  applyInterfaceLanguage(locale);
  render(<EvidencePanel data={data(change)} locale={locale} timeZone="UTC" canRecord={false} callId={null} onChanged={vi.fn()} />);
}

describe('where a report or claim stands with the hub, at the row itself', () => {
  it('says nothing on a standalone desktop (no sync state)', () => {
    show({ faultReports: [report], claims: [claim] });
    expect(screen.queryByTestId('evidence-sync')).toBeNull();
    expect(screen.getByTestId('credit-claim')).toHaveTextContent('The credit follows once the case is complete.');
  });

  it('shows a report waiting in the outbox as waiting to sync, and one the hub took as synced', () => {
    show({ faultReports: [{ ...report, syncState: 'pending_sync', syncRefusal: null }, { ...report, id: 'FR2', syncState: 'synced', syncRefusal: null }] });
    const [waiting, synced] = screen.getAllByTestId('fault-report');
    expect(within(waiting!).getByTestId('evidence-sync')).toHaveTextContent('Waiting to sync Saved on this desktop; it goes to the hub as soon as the hub can be reached.');
    expect(within(synced!).getByTestId('evidence-sync')).toHaveTextContent(/^Synced with the hub$/);
    expect(waiting).toHaveAttribute('data-sync-state', 'pending_sync');
  });

  it('shows a report the hub refused as refused, at the report, with the reason in words and what it means', () => {
    show({ faultReports: [{ ...report, syncState: 'refused', syncRefusal: 'before_the_outage' }] });
    const row = screen.getByTestId('fault-report');
    expect(within(row).getByTestId('evidence-sync')).toHaveTextContent('Refused by the hub That is before the outage began: record it as a separate fault.');
    expect(row).toHaveTextContent('the hub and the other desktops do not have it');
    expect(row).not.toHaveTextContent('before_the_outage');
  });

  it('shows a refused claim as refused, with no promise that the credit follows', () => {
    show({ claims: [{ ...claim, syncState: 'refused', syncRefusal: 'claim_window_closed' }] });
    const row = screen.getByTestId('credit-claim');
    expect(row).toHaveTextContent('No credit follows from this claim.');
    expect(row).not.toHaveTextContent('The credit follows once the case is complete.');
    expect(within(row).getByTestId('evidence-sync')).toHaveTextContent('Refused by the hub The claim window had closed: the credit can no longer be claimed.');
  });

  it('offers to register the claim again when the only claim of the case was refused, and not while a claim stands', () => {
    // An on-request policy (the Verizon pack, in effect for the fixture's outage, no claim window) waits for the customer's claim.
    const onRequest = decide({ ...verizon202601OutageCredit, effective: {}, delivery: { mode: 'on_request', postWithinCycles: 2, noticeChannels: ['sms'] } });
    expect(onRequest.decision?.review.some((r) => r.confirmBy === 'register_claim')).toBe(true);
    const refused = { ...claim, policyCode: onRequest.policy!.code, syncState: 'refused' as const, syncRefusal: 'not_found' };
    const panel = (claims: AccountDecisions['claims']) => (
      <EvidencePanel data={data({ decisions: [onRequest], claims })} locale="en-US" timeZone="UTC" canRecord callId={null} onChanged={vi.fn()} />
    );
    const { rerender } = render(panel([refused]));
    expect(screen.getByTestId('credit-claim')).toHaveTextContent('No credit follows from this claim.');
    expect(screen.getByRole('button', { name: /Register the customer’s claim/ })).toBeInTheDocument();
    rerender(panel([refused, { ...refused, id: 'CL2', syncState: 'pending_sync', syncRefusal: null }]));
    expect(screen.queryByRole('button', { name: /Register the customer’s claim/ })).toBeNull();
  });

  it('shows a pending claim as waiting to sync, and a synced one with its credit', () => {
    show({ claims: [{ ...claim, syncState: 'pending_sync', syncRefusal: null }, { ...claim, id: 'CL2', policyCode: 'other', creditId: 'C1', syncState: 'synced', syncRefusal: null }] });
    const [waiting, synced] = screen.getAllByTestId('credit-claim');
    expect(within(waiting!).getByTestId('evidence-sync')).toHaveTextContent('Waiting to sync');
    expect(synced).toHaveTextContent('The credit followed the claim. Synced with the hub');
  });

  it('says it in Dutch for a Dutch interface', () => {
    show(
      {
        faultReports: [{ ...report, syncState: 'refused', syncRefusal: 'line_not_on_account' }],
        claims: [{ ...claim, syncState: 'pending_sync', syncRefusal: null }],
      },
      'nl-NL',
    );
    expect(within(screen.getByTestId('fault-report')).getByTestId('evidence-sync')).toHaveTextContent('Geweigerd door de hub Die lijn hoort niet bij deze klant.');
    expect(within(screen.getByTestId('credit-claim')).getByTestId('evidence-sync')).toHaveTextContent('Wacht op synchronisatie');
  });
});

describe('the hub’s refusal reasons in words', () => {
  it('has a sentence for every reason the hub can give, in English and Dutch, never the bare code nor a placeholder', () => {
    for (const locale of ['en-US', 'nl-NL']) {
      applyInterfaceLanguage(locale);
      for (const reason of operationRefusalReasons) {
        const text = evidenceSyncRefusalText(reason, locale);
        // Not the fallback that names the code, no bare code, no placeholder, no amount the outbox does not keep.
        expect(text, reason).not.toContain('(code');
        expect(text, reason).not.toMatch(/[{}_]/);
        expect(text, reason).not.toMatch(/0[.,]00/);
        expect(text.length, reason).toBeGreaterThan(10);
      }
    }
  });

  it('names the code of a reason it does not know rather than saying nothing', () => {
    expect(evidenceSyncRefusalText('something_new', 'en-US')).toBe('The hub gave a reason this desktop has no words for (code something_new).');
  });
});

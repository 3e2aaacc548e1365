import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyRunOutage, PolicyRunStatus, RunnableOutages } from '@shared/ipc/policy-run-channels';
import { ok } from '@shared/ipc/result';
import { installFakeDesk, type FakeDeskOverrides } from '../../../test/fake-desk';
import { usePolicyRunStore } from '../stores/policy-run-store';
import { PolicyRunScreen } from './policy-run-screen';

const february: PolicyRunOutage = {
  id: 1,
  title: 'Nationwide wireless outage',
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  impactedAccounts: 12000,
  policies: [{ code: 'att-2024-02-make-it-right', version: 1, name: 'stored english name' }],
};
const local: PolicyRunOutage = {
  id: 2,
  title: 'Amsterdam fibre cut',
  startsAt: '2024-03-01T10:00:00.000Z',
  endsAt: '2024-03-02T12:00:00.000Z',
  impactedAccounts: 40,
  policies: [{ code: 'nl-custom-pack', version: 3, name: 'Dutch outage rules' }],
};

function status(overrides: Partial<PolicyRunStatus>): PolicyRunStatus {
  return {
    runId: 'R1',
    outageId: 1,
    preview: true,
    state: 'done',
    done: 12500,
    total: 12500,
    creditsWritten: 3,
    outcomes: { eligible: 2, notEligible: 12400, alreadyCredited: 90, needsReview: 8 },
    totals: [
      { currency: 'USD', credits: 2, amountMinor: 1000 },
      { currency: 'EUR', credits: 1, amountMinor: 310 },
    ],
    startedAt: '2024-03-04T15:00:00.000Z',
    finishedAt: '2024-03-04T15:00:03.000Z',
    ...overrides,
  };
}

const list: RunnableOutages = { outages: [local, february], defaultOutageId: 1 };

function open(overrides: FakeDeskOverrides = {}) {
  const desk = installFakeDesk({ policyRunOutages: async () => ok(list), ...overrides });
  const user = userEvent.setup();
  render(<PolicyRunScreen locale="en-US" timeZone="America/Chicago" />);
  return { desk, user };
}

afterEach(() => usePolicyRunStore.getState().reset());

describe('policy run screen', () => {
  it('lists outages and policies by their names and offers the major outage main recommends, not the first listed', async () => {
    open();
    const select = await screen.findByLabelText('Outage');
    expect(select).toHaveValue('1');
    const options = within(select).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual([
      'Amsterdam fibre cut, from Mar 1, 2024 (40 accounts affected)',
      'Nationwide wireless outage, from Feb 22, 2024 (12,000 accounts affected)',
    ]);
    // The catalog's name of a known policy, never its code; the stored name for an unknown one.
    expect(select).toHaveAccessibleDescription(/^Credit policy: .+ \(version 1\)$/);
    expect(screen.getByText(/Credit policy:/).textContent).not.toMatch(/att-2024-02-make-it-right|stored english name/);
    await userEvent.setup().selectOptions(select, '2');
    expect(select).toHaveAccessibleDescription('Credit policy: Dutch outage rules (version 3)');
  });

  it('writes nothing until the admin confirms the count and the totals per currency the preview found', async () => {
    const { desk, user } = open({
      policyRunPreview: async () => ok(status({})),
      policyRunStart: async () => ok(status({ runId: 'R2', preview: false, state: 'done', creditsWritten: 3 })),
    });
    await user.click(await screen.findByRole('button', { name: 'Check what the run will write' }));
    expect(desk.policyRunPreview).toHaveBeenCalledWith({ outageId: 1 });
    expect(desk.policyRunStart).not.toHaveBeenCalled();

    const confirm = await screen.findByRole('region', { name: 'Write 3 credits?' });
    expect(within(confirm).getByRole('heading', { name: 'Write 3 credits?' })).toHaveFocus();
    const totals = within(within(confirm).getByRole('table', { name: 'Credits to write, per currency' })).getAllByRole('row').map((r) => r.textContent);
    // One figure per currency: dollars and euros are never added up.
    expect(totals).toEqual(['CurrencyCreditsAmount', 'USD2$10.00', 'EUR1€3.10']);
    const outcomes = within(confirm).getByRole('table', { name: 'Accounts checked, by outcome' });
    expect(within(outcomes).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'OutcomeAccounts',
      'Eligible2',
      'Not eligible12,400',
      'Already credited90',
      'Needs review8',
    ]);

    await user.click(within(confirm).getByRole('button', { name: 'Write 3 credits' }));
    expect(desk.policyRunStart).toHaveBeenCalledWith({ outageId: 1 });
    const result = await screen.findByRole('region', { name: 'Result of the run' });
    expect(within(result).getByRole('table', { name: 'Accounts decided, by outcome' })).toBeInTheDocument();
    expect(within(result).getByRole('table', { name: 'Credits written, per currency' })).toBeInTheDocument();
    expect(screen.getByText('Done: 12,500 accounts decided, 3 new credits scheduled.')).toHaveAttribute('role', 'status');
  });

  it('goes back without writing when the admin presses Escape in the confirmation', async () => {
    const { desk, user } = open({ policyRunPreview: async () => ok(status({})) });
    await user.click(await screen.findByRole('button', { name: 'Check what the run will write' }));
    await screen.findByRole('region', { name: 'Write 3 credits?' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Write 3 credits?' })).not.toBeInTheDocument();
    expect(desk.policyRunStart).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Check what the run will write' })).toBeEnabled();
  });

  it('asks nothing when the preview finds no credits to write', async () => {
    const { desk, user } = open({
      policyRunPreview: async () => ok(status({ creditsWritten: 0, totals: [], outcomes: { eligible: 0, notEligible: 10, alreadyCredited: 5, needsReview: 0 } })),
    });
    await user.click(await screen.findByRole('button', { name: 'Check what the run will write' }));
    expect(await screen.findByText(/The run would write no new credits/)).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: /Write .* credits/ })).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Accounts checked, by outcome' })).toBeInTheDocument();
    expect(desk.policyRunStart).not.toHaveBeenCalled();
  });

  it('shows a running preview on a progress bar of its own, with a way to stop it', async () => {
    const { desk, user } = open({
      policyRunPreview: async () => ok(status({ state: 'running', done: 2500, creditsWritten: 1 })),
      policyRunStatus: () => new Promise(() => undefined),
      policyRunCancel: async () => ok(status({ state: 'cancelled' })),
    });
    await user.click(await screen.findByRole('button', { name: 'Check what the run will write' }));
    const bar = await screen.findByRole('progressbar', { name: 'Accounts checked' });
    expect(bar).toHaveAttribute('value', '2500');
    expect(bar).toHaveAttribute('max', '12500');
    expect(screen.getByLabelText('Outage')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(desk.policyRunCancel).toHaveBeenCalledWith({ runId: 'R1' });
  });

  it('shows each policy\'s progress when the hub runs several policies of the outage one after the other', async () => {
    const twoPolicies: PolicyRunOutage = {
      ...february,
      policies: [...february.policies, { code: 'site-goodwill', version: 1, name: 'Site goodwill credit' }],
    };
    const parts = [
      { policyCode: 'att-2024-02-make-it-right', policyVersion: 1, state: 'running' as const, done: 4000, total: 12000, creditsWritten: 3500 },
      { policyCode: 'site-goodwill', policyVersion: 1, state: 'running' as const, done: 0, total: 12000, creditsWritten: 0 },
    ];
    const { user } = open({
      policyRunOutages: async () => ok({ outages: [twoPolicies], defaultOutageId: 1 }),
      policyRunPreview: async () => ok(status({})),
      policyRunStart: async () => ok(status({ runId: 'R2', preview: false, state: 'running', done: 4000, total: 24000, creditsWritten: 3500, outcomes: null, policies: parts })),
      policyRunStatus: () => new Promise(() => undefined),
    });
    await user.click(await screen.findByRole('button', { name: 'Check what the run will write' }));
    await user.click(await screen.findByRole('button', { name: 'Write 3 credits' }));
    const table = await screen.findByRole('table', { name: 'Progress per credit policy' });
    const rows = within(table).getAllByRole('row').map((r) => r.textContent);
    expect(rows[0]).toBe('Credit policyAccounts decidedCreditsState');
    // The catalog's name of the known policy (never its code), the stored name of the other.
    expect(rows[1]).toMatch(/^.+ \(version 1\)4,000 of 12,0003,500Running$/);
    expect(rows[1]).not.toMatch(/att-2024-02-make-it-right/);
    expect(rows[2]).toBe('Site goodwill credit (version 1)0 of 12,0000Waiting its turn');
    expect(screen.getByText(/4,000 of 24,000 account checks across 2 credit policies/)).toBeInTheDocument();
  });

  it('shows the chosen outage’s last stored run with its outcomes after a restart, and nothing for an outage never run', async () => {
    const lastRun = status({ runId: 'R9', preview: false, state: 'done', creditsWritten: 3, finishedAt: '2024-03-04T15:00:03.000Z' });
    const { desk, user } = open({
      policyRunOutages: async () => ok({ outages: [local, { ...february, lastRunId: 'R9' }], defaultOutageId: 1 }),
      policyRunStatus: async (input) => (input.runId === 'R9' ? ok(lastRun) : ok(status({}))),
    });
    const result = await screen.findByRole('region', { name: 'Last run of this outage, ended Mar 4, 2024, 9:00 AM' });
    const outcomes = within(result).getByRole('table', { name: 'Accounts decided, by outcome' });
    expect(within(outcomes).getAllByRole('row').map((r) => r.textContent)).toContain('Not eligible12,400');
    expect(desk.policyRunStatus).toHaveBeenCalledWith({ runId: 'R9' });
    await user.selectOptions(screen.getByLabelText('Outage'), String(local.id));
    expect(screen.queryByRole('region', { name: /Last run of this outage/ })).not.toBeInTheDocument();
    expect(desk.policyRunStatus).toHaveBeenCalledTimes(1);
  });

  it('says how a run of several policies ended in account checks, not accounts', async () => {
    const parts = ['att-2024-02-make-it-right', 'site-goodwill'].map((policyCode) => ({ policyCode, policyVersion: 1, state: 'done' as const, done: 12000, total: 12000, creditsWritten: 10 }));
    const { user } = open({
      policyRunPreview: async () => ok(status({})),
      policyRunStart: async () => ok(status({ runId: 'R2', preview: false, state: 'done', done: 24000, total: 24000, creditsWritten: 20, outcomes: null, policies: parts })),
    });
    await user.click(await screen.findByRole('button', { name: 'Check what the run will write' }));
    await user.click(await screen.findByRole('button', { name: 'Write 3 credits' }));
    expect(await screen.findByText('Done: 2 credit policies run, 24,000 account checks, 20 new credits scheduled.')).toHaveAttribute('role', 'status');
    // The breakdown by outcome is each policy's own: none is shown for the run as a whole.
    expect(screen.queryByRole('table', { name: 'Accounts decided, by outcome' })).not.toBeInTheDocument();
  });
});

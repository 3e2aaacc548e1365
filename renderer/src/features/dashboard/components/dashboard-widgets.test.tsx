import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { emptyDashboardFixture } from '../../../test/fixtures';
import { useDashboardStore } from '../stores/dashboard-store';
import { DashboardScreen } from './dashboard-screen';
import { ApprovalsTodayWidget, CreditsWidget, ExposureWidget, OverridesWidget, PendingWidget, QueueAgeWidget, type WidgetData } from './widgets';

afterEach(() => useDashboardStore.getState().reset());

function summary(): DashboardSummary {
  return {
    ...emptyDashboardFixture(),
    pending: {
      count: 3,
      oldestCreatedAt: '2024-03-05T09:00:00.000Z',
      expiringSoonCount: 1,
      expiringSoon: [{ id: 'r1', accountNumber: '100200300', agent: 'Alice Agent', amountMinor: 2_500, currency: 'USD', expiresAt: '2024-03-06T09:00:00.000Z' }],
    },
    queueAge: [
      { bucket: 'under1h', count: 1 },
      { bucket: 'under4h', count: 2 },
      { bucket: 'under24h', count: 0 },
      { bucket: 'under3d', count: 0 },
      { bucket: 'older', count: 0 },
    ],
    approvalsToday: [{ agent: 'Alice Agent', currency: 'USD', count: 2, amountMinor: 17_000, limitMinor: 20_000 }],
    credits: [
      { outageId: 1, outage: 'Nationwide', region: 'TX', status: 'scheduled', currency: 'USD', count: 4, amountMinor: 4_000 },
      { outageId: 1, outage: 'Nationwide', region: 'NY', status: 'posted', currency: 'USD', count: 1, amountMinor: 500 },
      { outageId: 1, outage: 'Nationwide', region: 'NH', status: 'scheduled', currency: 'EUR', count: 2, amountMinor: 310 },
    ],
    overridesByReason: [{ reason: 'extended_outage', currency: 'USD', count: 2, amountMinor: 3_000 }],
    overridesByAgent: [{ agent: 'Alice Agent', currency: 'USD', count: 2, amountMinor: 3_000 }],
    overridesPerDay: [{ day: '2024-03-05', agent: 'Alice Agent', reason: 'extended_outage', count: 2 }],
    exposure: [
      { currency: 'EUR', count: 1, amountMinor: 310 },
      { currency: 'USD', count: 2, amountMinor: 5_000 },
    ],
  };
}

const base = { locale: 'en-US', timeZone: 'America/Chicago' };
const states: Record<'loading' | 'error' | 'empty' | 'data', WidgetData> = {
  loading: { ...base, status: 'loading', summary: null, error: null },
  error: { ...base, status: 'error', summary: null, error: { code: 'INTERNAL' } },
  empty: { ...base, status: 'loaded', summary: emptyDashboardFixture(), error: null },
  data: { ...base, status: 'loaded', summary: summary(), error: null },
};

const widgets = [
  ['pending', PendingWidget, 'Queue clear', /3 pending/],
  ['exposure', ExposureWidget, 'Nothing pending.', /\$50\.00/],
  ['approvals today', ApprovalsTodayWidget, 'No approvals yet today.', /\$170\.00/],
  ['queue age', QueueAgeWidget, 'Queue clear', /Show as table/],
  ['credits', CreditsWidget, 'No credits scheduled or posted yet.', /\$40\.00 \(4\)/],
  ['overrides', OverridesWidget, 'No overrides filed in the last 14 days.', /Extended outage/],
] as const;

describe.each(widgets)('the %s widget', (_name, Widget, emptyText, dataText) => {
  it('says it is loading while the figures are on their way', () => {
    render(<Widget {...states.loading} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });
  it('says why when the figures could not be read', () => {
    render(<Widget {...states.error} />);
    expect(screen.getByRole('alert')).toHaveTextContent(/Something went wrong/);
  });
  it('says so when there is nothing to show', () => {
    render(<Widget {...states.empty} />);
    expect(screen.getAllByText(emptyText).length).toBeGreaterThan(0);
  });
  it('shows the figures', () => {
    render(<Widget {...states.data} />);
    expect(screen.getAllByText(dataText).length).toBeGreaterThan(0);
  });
});

describe('the dashboard', () => {
  it('never adds different currencies: one row per outage and currency', () => {
    render(<CreditsWidget {...states.data} />);
    const rows = within(screen.getByTestId('dash-credits-table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'OutageCurrencyScheduledPosted',
      'NationwideUSD$40.00 (4)$5.00 (1)',
      'NationwideEUR€3.10 (2)€0.00 (0)',
    ]);
  });

  it('counts the pending requests per currency in the singular and the plural', () => {
    render(<ExposureWidget {...states.data} />);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['€3.10 in 1 request', '$50.00 in 2 requests']);
  });

  it('shows a chart as a table on request, and saves its figures as a CSV file through main', async () => {
    const desk = installFakeDesk({ dashboardSummary: async () => ok(summary()), dashboardSaveCsv: async () => ok({ saved: true, fileName: 'queue-age-2024-03-05.csv' }) });
    render(<DashboardScreen {...base} />);
    await screen.findByText('3 pending');
    const age = screen.getByRole('region', { name: 'How long requests have waited' });
    await userEvent.click(within(age).getByRole('button', { name: 'Show as table' }));
    expect(within(age).getByRole('table')).toHaveTextContent('1–4 hours2');
    await userEvent.click(within(age).getByRole('button', { name: 'Save as CSV…' }));
    expect(desk.dashboardSaveCsv).toHaveBeenCalledWith({ figure: 'queueAge', csv: 'waited,requests\r\nunder1h,1\r\nunder4h,2\r\nunder24h,0\r\nunder3d,0\r\nolder,0\r\n' });
    expect(await within(age).findByText('Saved as queue-age-2024-03-05.csv.')).toBeInTheDocument();
  });

  it('says nothing when the operator cancels the save dialog, and words a failed write from its code', async () => {
    const answers = [ok({ saved: false as const }), err('FILE_WRITE_FAILED', { details: { reason: 'EACCES' } })];
    installFakeDesk({ dashboardSummary: async () => ok(summary()), dashboardSaveCsv: async () => answers.shift()! });
    render(<DashboardScreen {...base} />);
    await screen.findByText('3 pending');
    const age = screen.getByRole('region', { name: 'How long requests have waited' });
    const status = within(age).getByRole('status');
    await userEvent.click(within(age).getByRole('button', { name: 'Save as CSV…' }));
    await waitFor(() => expect(answers).toHaveLength(1));
    expect(status).toHaveTextContent('');
    await userEvent.click(within(age).getByRole('button', { name: 'Save as CSV…' }));
    expect(await within(age).findByText('The file could not be saved there. Choose another folder, or check that the disk is not full.')).toBeInTheDocument();
  });

  it('labels figures from the hub, and says plainly when they are this desktop’s copy because the hub cannot be reached', async () => {
    installFakeDesk({ dashboardSummary: async () => ok({ ...summary(), source: 'hub' }) });
    const { unmount } = render(<DashboardScreen {...base} />);
    expect(await screen.findByText(/Figures for the whole site, from the hub\./)).toBeInTheDocument();
    expect(screen.queryByTestId('dash-source-cache')).toBeNull();
    unmount();
    useDashboardStore.getState().reset();
    installFakeDesk({ dashboardSummary: async () => ok({ ...summary(), source: 'cache' }) });
    render(<DashboardScreen {...base} />);
    expect(await screen.findByTestId('dash-source-cache')).toHaveTextContent('The hub cannot be reached. These figures are this desktop’s copy');
    expect(screen.queryByText(/from the hub\./)).toBeNull();
  });

  it('shows no source line on a standalone desktop', async () => {
    installFakeDesk({ dashboardSummary: async () => ok(summary()) });
    render(<DashboardScreen {...base} />);
    await screen.findByText('3 pending');
    expect(screen.queryByText(/from the hub/)).toBeNull();
    expect(screen.queryByTestId('dash-source-cache')).toBeNull();
  });

  it('shows the error of a refused read in every widget', async () => {
    installFakeDesk({ dashboardSummary: async () => err('FORBIDDEN_ROLE') });
    render(<DashboardScreen {...base} />);
    expect((await screen.findAllByRole('alert')).length).toBe(6);
  });
});

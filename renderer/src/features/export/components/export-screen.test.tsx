import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ExportBatch } from '@shared/ipc/export-channels';
import { ok } from '@shared/ipc/result';
import { useSessionStore } from '../../../stores/session-store';
import { installFakeDesk, type FakeDeskOverrides } from '../../../test/fake-desk';
import { sessionFixture } from '../../../test/fixtures';
import { ExportScreen } from './export-screen';

const mixed: ExportBatch = {
  batchNumber: 7,
  createdAt: '2024-03-04T15:00:00.000Z',
  creditCount: 3,
  totals: [
    { currency: 'EUR', amountMinor: 310 },
    { currency: 'USD', amountMinor: 1000 },
  ],
  fileName: 'credits-batch-0007.csv',
  sha256: 'ab'.repeat(32),
};

function open(readyToExport: number, overrides: FakeDeskOverrides = {}, locale: 'en-US' | 'nl-NL' = 'en-US') {
  const desk = installFakeDesk({ exportListBatches: async () => ok({ batches: [mixed], readyToExport }), ...overrides });
  useSessionStore.getState().signedIn(sessionFixture({ role: 'admin', locale }));
  render(<ExportScreen />);
  return { desk, user: userEvent.setup() };
}

describe('billing export screen', () => {
  it('keeps "Create batch" disabled when no scheduled credit is ready, and says why', async () => {
    const { desk } = open(0);
    const button = screen.getByRole('button', { name: 'Create batch' });
    expect(await screen.findByText(/^Nothing is ready to export/)).toBeInTheDocument();
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/^Nothing is ready to export: no scheduled credit is waiting/);
    expect(desk.exportCreateBatch).not.toHaveBeenCalled();
  });

  it('creates a batch when credits are ready', async () => {
    const { desk, user } = open(2, { exportCreateBatch: async () => ok({ batch: mixed, path: '/exports/credits-batch-0007.csv' }) });
    await screen.findByText('2 scheduled credits are ready to export.');
    const button = screen.getByRole('button', { name: 'Create batch' });
    expect(button).toBeEnabled();
    await user.click(button);
    expect(desk.exportCreateBatch).toHaveBeenCalledTimes(1);
  });

  it('shows a batch’s totals one currency at a time, never added into one figure', async () => {
    open(0);
    const table = await screen.findByRole('table', { name: 'Batches' });
    const row = within(table).getByRole('row', { name: /^7 / });
    const totals = within(row).getAllByRole('listitem').map((li) => li.textContent);
    expect(totals).toEqual(['€3.10', '$10.00']);
    expect(row.textContent).not.toContain('+');
    expect(within(table).getByRole('columnheader', { name: 'Total per currency' })).toBeInTheDocument();
  });

  it('formats the totals for the operator’s locale', async () => {
    open(0, {}, 'nl-NL');
    const table = await screen.findByRole('table', { name: 'Batches' });
    const totals = within(table).getAllByRole('listitem').map((li) => li.textContent?.replace(/\u00a0/g, ' '));
    expect(totals).toEqual(['€ 3,10', 'US$ 10,00']);
  });
});

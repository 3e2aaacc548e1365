import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubStatus } from '@shared/ipc/hub-channels';
import { ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { useSnapshotStore } from '../stores/snapshot-store';
import { SnapshotProgress } from './snapshot-progress';

const base: HubStatus = { mode: 'hub', enrolled: true, desktopName: 'Desk', online: true, pendingOperations: 0, archive: null, snapshot: null };

function loading(searchReady: boolean, accounts: number, lines: number): HubStatus {
  return {
    ...base,
    snapshot: {
      state: 'loading',
      searchReady,
      tables: [
        { table: 'accounts', loaded: accounts, total: 1000 },
        { table: 'lines', loaded: lines, total: 2000 },
        { table: 'credits', loaded: 0, total: 0 },
      ],
    },
  };
}

afterEach(() => useSnapshotStore.getState().reset());

describe('the carrier data load of a new desktop', () => {
  it('shows one bar over every row and says searching waits for the accounts', async () => {
    installFakeDesk({ hubStatus: async () => ok(loading(false, 250, 0)) });
    render(<SnapshotProgress />);
    expect(await screen.findByText('Searching starts as soon as the accounts are in.')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Customer data loaded' });
    expect(bar).toHaveAttribute('value', '250');
    expect(bar).toHaveAttribute('max', '3000');
    expect(screen.getByText('accounts: 250 of 1,000')).toBeInTheDocument();
    expect(screen.getByText('lines: 0 of 2,000')).toBeInTheDocument();
  });

  it('says searching works once the accounts are in, naming what is still loading', async () => {
    installFakeDesk({ hubStatus: async () => ok(loading(true, 1000, 400)) });
    render(<SnapshotProgress />);
    expect(await screen.findByText('Searching works now. Still loading: lines.')).toBeInTheDocument();
    expect(screen.queryByText(/accounts:/)).toBeNull();
  });

  it('shows nothing when no load runs or it is done', async () => {
    let answered = 0;
    installFakeDesk({
      hubStatus: async () => {
        answered += 1;
        return ok({ ...base, snapshot: { state: 'done', searchReady: true, tables: [{ table: 'accounts', loaded: 1000, total: 1000 }] } });
      },
    });
    const { container } = render(<SnapshotProgress />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(1);
    expect(container).toBeEmptyDOMElement();
  });
});

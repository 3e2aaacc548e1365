import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FeedScanResult, ImportStatus } from '@shared/ipc/feed-channels';
import { ok, type Result } from '@shared/ipc/result';
import { useSessionStore } from '../../../stores/session-store';
import { deferred, fail, installFakeDesk, type FakeDeskOverrides } from '../../../test/fake-desk';
import { sessionFixture } from '../../../test/fixtures';
import { ImportScreen } from './import-screen';

const RUN = '01HQ0000000000000000000RUN';
const SCAN = '01HQ000000000000000000SCAN';

const found: FeedScanResult = {
  scanId: SCAN,
  files: [
    { fileName: 'accounts.csv', entity: 'accounts', format: 'csv', rows: 12000, problem: null },
    { fileName: 'lines.ndjson', entity: 'lines', format: 'ndjson', rows: 8000, problem: null },
  ],
};

function status(overrides: Partial<ImportStatus>): ImportStatus {
  return {
    runId: RUN,
    state: 'importing',
    rowsTotal: 20000,
    rowsDone: 0,
    rowsPerSecond: null,
    secondsLeft: null,
    files: [],
    rejections: [],
    rejectedTotal: 0,
    reportPath: null,
    ...overrides,
  };
}

const fileResult = (fileName: string, entity: 'accounts' | 'lines', counts: Partial<Record<'inserted' | 'updated' | 'unchanged' | 'rejected', number>>) => ({
  fileName,
  entity,
  format: 'csv' as const,
  rowsTotal: 0,
  rowsDone: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  problem: null,
  ...counts,
});

function open(overrides: FakeDeskOverrides) {
  const desk = installFakeDesk({ feedImportStart: async () => ok({ runId: RUN }), ...overrides });
  useSessionStore.getState().signedIn(sessionFixture({ role: 'admin' }));
  const user = userEvent.setup();
  render(<ImportScreen />);
  return { desk, user };
}

describe('import screen', () => {
  it('says the chooser is open while choosing, then lists the files found with feed, format and rows', async () => {
    const reply = deferred<Result<FeedScanResult>>();
    const { user } = open({ feedScan: () => reply.promise });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    expect(screen.getByText('Waiting for you to choose…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose a folder…' })).toBeDisabled();

    reply.resolve(ok(found));
    const table = await screen.findByRole('table', { name: 'Found' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['accounts.csvAccountsCSV12,000Ready', 'lines.ndjsonLinesNDJSON8,000Ready']);
    expect(screen.getByRole('button', { name: 'Import 20,000 rows' })).toBeEnabled();
  });

  it('will not import when a file cannot be read, and says which and why', async () => {
    const { user } = open({
      feedScan: async () =>
        ok({ ...found, files: [...found.files, { fileName: 'impacts.csv', entity: 'impacts', format: 'csv', rows: 3, problem: { code: 'TRUNCATED', line: 4, detail: '' } }] }),
    });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    expect(await screen.findByText('Cut off at the end (line 4)')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing will be imported');
    expect(screen.getByRole('button', { name: /^Import .* rows$/ })).toBeDisabled();
  });

  it('shows rows done, rows per second and time left while running, and can be cancelled', async () => {
    let cancelled = false;
    const { user, desk } = open({
      feedScan: async () => ok(found),
      feedImportStatus: async () =>
        ok(cancelled ? status({ state: 'cancelled', rowsDone: 10000 }) : status({ rowsDone: 5000, rowsPerSecond: 25000, secondsLeft: 1 })),
      feedImportCancel: async () => {
        cancelled = true;
        return ok({ cancelling: true });
      },
    });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 20,000 rows' }));

    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar).toHaveAttribute('value', '5000');
    expect(bar).toHaveAttribute('max', '20000');
    expect(screen.getByText('5,000 of 20,000 rows')).toBeInTheDocument();
    expect(screen.getByText('25,000 rows per second')).toBeInTheDocument();
    expect(screen.getByText('About 1 s left')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(desk.feedImportCancel).toHaveBeenCalledWith({ runId: RUN });
    expect(await screen.findByText(/^Import cancelled\./)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows counts per file, the rejected rows with their reasons, and offers to open the report by run, never by path', async () => {
    const { desk, user } = open({
      feedImportOpenReport: async () => ok({}),
      feedScan: async () => ok(found),
      feedImportStatus: async () =>
        ok(
          status({
            state: 'done',
            rowsDone: 20000,
            files: [fileResult('accounts.csv', 'accounts', { inserted: 11998, rejected: 2 }), fileResult('lines.ndjson', 'lines', { unchanged: 8000 })],
            rejections: [
              { fileName: 'accounts.csv', line: 7, field: 'monthly_charge_minor', reason: 'negative', detail: '' },
              { fileName: 'accounts.csv', line: 9, field: 'source_id', reason: 'duplicate_key', detail: '' },
            ],
            rejectedTotal: 2,
            reportPath: '/data/import-reports/import-x-rejected.csv',
          }),
        ),
    });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 20,000 rows' }));

    expect(await screen.findByText('Import finished.')).toBeInTheDocument();
    const results = screen.getByRole('table', { name: 'Result per file' });
    expect(within(results).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['accounts.csvAccounts11,998002', 'lines.ndjsonLines008,0000']);
    const rejected = screen.getByRole('table', { name: 'Rejected rows' });
    expect(within(rejected).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      'accounts.csv7monthly_charge_minornegative amount',
      'accounts.csv9source_idsame key as an earlier row in the file',
    ]);
    // No temporary path on screen: a button main answers by opening the file it wrote.
    expect(screen.queryByText(/import-reports/)).not.toBeInTheDocument();
    const openReport = screen.getByRole('button', { name: 'Open the report' });
    expect(openReport).toHaveAccessibleDescription('A report lists all 2 rejected rows, with file, line, field and reason.');
    await user.click(openReport);
    expect(desk.feedImportOpenReport).toHaveBeenCalledWith({ runId: RUN });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says so when the report cannot be opened on this computer', async () => {
    const { user } = open({
      feedScan: async () => ok(found),
      feedImportStatus: async () => ok(status({ state: 'done', rowsDone: 20000, rejectedTotal: 1, reportPath: '/data/import-reports/r.csv' })),
      feedImportOpenReport: () => fail('INTERNAL'),
    });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 20,000 rows' }));
    await user.click(await screen.findByRole('button', { name: 'Open the report' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The report could not be opened on this computer.');
  });

  it('offers no report when no row was rejected', async () => {
    const { user } = open({
      feedScan: async () => ok(found),
      feedImportStatus: async () => ok(status({ state: 'done', rowsDone: 20000 })),
    });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 20,000 rows' }));
    expect(await screen.findByText('Import finished.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Open the report' })).not.toBeInTheDocument();
  });

  it('offers to save a hub run\'s report where the admin chooses, by run, and says how many rows were saved or that saving failed', async () => {
    let saveAnswer: ReturnType<typeof ok<{ saved: boolean; rows: number }>> | ReturnType<typeof fail> = ok({ saved: true, rows: 1205 });
    const { desk, user } = open({
      feedScan: async () => ok(found),
      feedImportStatus: async () => ok(status({ state: 'done', rowsDone: 20000, rejectedTotal: 1205, reportPath: null, reportAtHub: true })),
      feedImportSaveReport: async () => saveAnswer,
    });
    await user.click(screen.getByRole('button', { name: 'Choose files…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 20,000 rows' }));
    const save = await screen.findByRole('button', { name: 'Save the report…' });
    expect(save).toHaveAccessibleDescription('The hub keeps all 1,205 rejected rows, with file, line, field and reason. Save them as a CSV file to read them all.');
    expect(screen.queryByRole('button', { name: 'Open the report' })).not.toBeInTheDocument();
    await user.click(save);
    expect(desk.feedImportSaveReport).toHaveBeenCalledWith({ runId: RUN });
    expect(await screen.findByText('Saved: 1,205 rejected rows.')).toHaveAttribute('role', 'status');
    saveAnswer = fail('INTERNAL');
    await user.click(save);
    expect(await screen.findByRole('alert')).toHaveTextContent('The report could not be saved there.');
    expect(screen.queryByText(/^Saved:/)).not.toBeInTheDocument();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createReportSaveDialog } from './report-save-dialog';

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn(async (..._args: unknown[]) => answer);
  return { dialog: { showSaveDialog } as unknown as Parameters<typeof createReportSaveDialog>[0], showSaveDialog };
}

const optionsOf = (call: unknown[]) => call[call.length - 1] as { title: string; defaultPath: string; filters: Array<{ name: string; extensions: string[] }> };

describe('the save dialog of a hub import report', () => {
  it('offers the run’s file name in the documents folder, titled in the operator’s language, and answers the chosen path', async () => {
    const { dialog, showSaveDialog } = fakeDialog({ canceled: false, filePath: '/home/ada/reports/feb.csv' });
    let locale = 'en-US';
    const saver = createReportSaveDialog(dialog, () => null, () => '/home/ada/Documents', () => locale);
    expect(await saver.chooseSavePath('import-R1-rejected.csv')).toBe('/home/ada/reports/feb.csv');
    locale = 'nl-NL';
    await saver.chooseSavePath('import-R1-rejected.csv');
    expect(optionsOf(showSaveDialog.mock.calls[0]!)).toEqual({
      title: 'Save the report of rejected rows',
      defaultPath: '/home/ada/Documents/import-R1-rejected.csv',
      filters: [{ name: 'CSV files', extensions: ['csv'] }],
    });
    expect(optionsOf(showSaveDialog.mock.calls[1]!)).toMatchObject({ title: 'Overzicht van geweigerde regels opslaan', filters: [{ name: 'CSV-bestanden' }] });
  });

  it('answers null when cancelled, and adds .csv to a name given without it', async () => {
    expect(await createReportSaveDialog(fakeDialog({ canceled: true }).dialog, () => null, () => '/tmp').chooseSavePath('x.csv')).toBeNull();
    expect(await createReportSaveDialog(fakeDialog({ canceled: false, filePath: '/tmp/report' }).dialog, () => null, () => '/tmp').chooseSavePath('x.csv')).toBe('/tmp/report.csv');
  });
});

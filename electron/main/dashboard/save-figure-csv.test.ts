import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCsvSaveDialog } from './csv-save-dialog';
import { saveFigureCsv, suggestedCsvName, writeTextFile } from './save-figure-csv';

const NOW = new Date('2026-12-04T22:10:00.000Z');
const CSV = 'waited,requests\r\nunder1h,1\r\nolder,€3\r\n';

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn(async () => answer);
  return { dialog: { showSaveDialog } as unknown as Parameters<typeof createCsvSaveDialog>[0], showSaveDialog };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-csv-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('saving a figure as CSV', () => {
  it('asks where in the save dialog, in the operator’s language, with the figure’s name, and writes the file there', async () => {
    const target = join(dir, 'mine.csv');
    const { dialog, showSaveDialog } = fakeDialog({ canceled: false, filePath: target });
    const choose = createCsvSaveDialog(dialog, () => null, () => 'nl-NL', () => dir);
    expect(await saveFigureCsv(choose, writeTextFile, { figure: 'queueAge', csv: CSV }, NOW)).toEqual({ ok: true, value: { saved: true, fileName: 'mine.csv' } });
    expect(showSaveDialog).toHaveBeenCalledWith({
      title: 'Cijfers opslaan als CSV',
      defaultPath: `${dir}/queue-age-2026-12-04.csv`,
      filters: [{ name: 'CSV-bestanden', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    // UTF-8 with a byte-order mark, so a spreadsheet reads the euro sign; the bytes otherwise as given.
    expect(readFileSync(target, 'utf8')).toBe(`\uFEFF${CSV}`);
    expect(readdirSync(dir)).toEqual(['mine.csv']);
  });

  it('writes nothing when the operator cancels', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    const write = vi.fn();
    expect(await saveFigureCsv(createCsvSaveDialog(dialog, () => null), write, { figure: 'credits', csv: CSV }, NOW)).toEqual({ ok: true, value: { saved: false } });
    expect(write).not.toHaveBeenCalled();
  });

  it('answers FILE_WRITE_FAILED with the system’s code when the file cannot be written, leaving no half-written file and the old one as it was', async () => {
    // A folder that does not exist.
    const missing = fakeDialog({ canceled: false, filePath: join(dir, 'nowhere', 'x.csv') });
    expect(await saveFigureCsv(createCsvSaveDialog(missing.dialog, () => null), writeTextFile, { figure: 'credits', csv: CSV }, NOW)).toEqual({
      ok: false,
      error: { code: 'FILE_WRITE_FAILED', details: { reason: 'ENOENT' } },
    });
    // The chosen path is a folder: the rename over it fails after the temporary file was written.
    const folder = join(dir, 'taken.csv');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep'), 'old');
    const onFolder = fakeDialog({ canceled: false, filePath: folder });
    const answer = await saveFigureCsv(createCsvSaveDialog(onFolder.dialog, () => null), writeTextFile, { figure: 'credits', csv: CSV }, NOW);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FILE_WRITE_FAILED' } });
    expect(readdirSync(dir)).toEqual(['taken.csv']);
    expect(readFileSync(join(folder, 'keep'), 'utf8')).toBe('old');
    // A write the disk refuses, whatever its code.
    const full = fakeDialog({ canceled: false, filePath: join(dir, 'full.csv') });
    const enospc = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(await saveFigureCsv(createCsvSaveDialog(full.dialog, () => null), async () => Promise.reject(enospc), { figure: 'credits', csv: CSV }, NOW)).toEqual({
      ok: false,
      error: { code: 'FILE_WRITE_FAILED', details: { reason: 'ENOSPC' } },
    });
  });

  it('titles the dialog in English for every other language, and suggests a name from the figure and the UTC date', async () => {
    const { dialog, showSaveDialog } = fakeDialog({ canceled: true });
    await createCsvSaveDialog(dialog, () => null, () => 'en-US')('credits-2026-12-04.csv');
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ title: 'Save the figures as CSV', defaultPath: 'credits-2026-12-04.csv', filters: [{ name: 'CSV files', extensions: ['csv'] }] }));
    expect(suggestedCsvName('overridesByAgent', new Date('2026-12-31T23:59:59.000Z'))).toBe('overrides-by-agent-2026-12-31.csv');
  });
});

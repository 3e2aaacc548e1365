import { describe, expect, it, vi } from 'vitest';
import { createFeedFileDialog } from './feed-file-dialog';

function fakeDialog(filePaths: string[] = ['/feeds/accounts.ndjson']) {
  const showOpenDialog = vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths }));
  return { dialog: { showOpenDialog } as unknown as Parameters<typeof createFeedFileDialog>[0], showOpenDialog };
}

function optionsOf(call: unknown[]): { title: string; filters: Array<{ name: string }> } {
  return call[call.length - 1] as { title: string; filters: Array<{ name: string }> };
}

describe('the feed file chooser', () => {
  it('is titled in English by default', async () => {
    const { dialog, showOpenDialog } = fakeDialog();
    expect(await createFeedFileDialog(dialog, () => null)('files')).toEqual(['/feeds/accounts.ndjson']);
    expect(optionsOf(showOpenDialog.mock.calls[0]!)).toMatchObject({ title: 'Choose feed files', filters: [{ name: 'Feeds' }] });
  });

  it('follows the operator’s language each time it opens', async () => {
    const { dialog, showOpenDialog } = fakeDialog();
    let locale = 'nl-NL';
    const pick = createFeedFileDialog(dialog, () => null, () => locale);
    await pick('files');
    await pick('folder');
    locale = 'en-US';
    await pick('folder');
    expect(showOpenDialog.mock.calls.map((call) => optionsOf(call).title)).toEqual([
      'Kies gegevensbestanden',
      'Kies een map met gegevensbestanden',
      'Choose a feed folder',
    ]);
    expect(optionsOf(showOpenDialog.mock.calls[0]!).filters).toEqual([{ name: 'Gegevensbestanden', extensions: ['ndjson', 'jsonl', 'csv'] }]);
  });
});

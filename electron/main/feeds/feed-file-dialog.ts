import type { BrowserWindow, Dialog } from 'electron';
import type { PickFeedFiles } from './feed-import-service';

const TEXTS = {
  en: { folder: 'Choose a feed folder', files: 'Choose feed files', filter: 'Feeds' },
  nl: { folder: 'Kies een map met gegevensbestanden', files: 'Kies gegevensbestanden', filter: 'Gegevensbestanden' },
} as const;

/**
 * The app's file chooser for feeds, titled in the signed-in operator's language (`locale`,
 * read when the chooser opens): main's own texts, since a native dialog is not the renderer's. Electron is only a type here: index.ts hands in its
 * `dialog`, so this module (and all of feeds/) still loads under plain Node in tests.
 */
export function createFeedFileDialog(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: () => BrowserWindow | null,
  locale: () => string = () => 'en-US',
): PickFeedFiles {
  return async (mode) => {
    const texts = TEXTS[/^nl(?:-|$)/i.test(locale()) ? 'nl' : 'en'];
    const options = {
      title: mode === 'folder' ? texts.folder : texts.files,
      properties: mode === 'folder' ? (['openDirectory'] as const) : (['openFile', 'multiSelections'] as const),
      filters: mode === 'folder' ? [] : [{ name: texts.filter, extensions: ['ndjson', 'jsonl', 'csv'] }],
    };
    const window = parent();
    const picked = window
      ? await dialog.showOpenDialog(window, { ...options, properties: [...options.properties] })
      : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
    return picked.canceled ? null : picked.filePaths;
  };
}

import type { BrowserWindow, Dialog } from 'electron';
import type { PickFeedFiles } from './feed-import-service';

/**
 * The app's file chooser for feeds. Electron is only a type here: index.ts hands in its
 * `dialog`, so this module (and all of feeds/) still loads under plain Node in tests.
 */
export function createFeedFileDialog(dialog: Dialog, parent: () => BrowserWindow | null): PickFeedFiles {
  return async (mode) => {
    const options = {
      title: mode === 'folder' ? 'Choose a feed folder' : 'Choose feed files',
      properties: mode === 'folder' ? (['openDirectory'] as const) : (['openFile', 'multiSelections'] as const),
      filters: mode === 'folder' ? [] : [{ name: 'Feeds', extensions: ['ndjson', 'jsonl', 'csv'] }],
    };
    const window = parent();
    const picked = window
      ? await dialog.showOpenDialog(window, { ...options, properties: [...options.properties] })
      : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
    return picked.canceled ? null : picked.filePaths;
  };
}

import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';

/** Asks where to save a file: Electron's dialog.showSaveDialog in the app; null when the admin cancelled. */
export interface FileSaverPort {
  chooseSavePath(defaultName: string): Promise<string | null>;
}

const TEXTS = {
  en: { title: 'Save the report of rejected rows', filter: 'CSV files' },
  nl: { title: 'Overzicht van geweigerde regels opslaan', filter: 'CSV-bestanden' },
} as const;

/**
 * The app's save dialog for the report of a hub import run's rejected rows, titled in the
 * signed-in operator's language (main's own texts, as the feed chooser's), offering
 * `defaultName` in `folder` (the user's documents in the app). Electron is only a type here.
 */
export function createReportSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: () => BrowserWindow | null,
  folder: () => string,
  locale: () => string = () => 'en-US',
): FileSaverPort {
  return {
    async chooseSavePath(defaultName) {
      const texts = TEXTS[/^nl(?:-|$)/i.test(locale()) ? 'nl' : 'en'];
      const options = { title: texts.title, defaultPath: join(folder(), defaultName), filters: [{ name: texts.filter, extensions: ['csv'] }] };
      const window = parent();
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return null;
      return chosen.filePath.toLowerCase().endsWith('.csv') ? chosen.filePath : `${chosen.filePath}.csv`;
    },
  };
}

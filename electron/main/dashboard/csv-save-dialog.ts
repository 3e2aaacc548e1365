import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';

/** Where to save a figure's CSV: a path the operator chose, or null when they cancelled. */
export type ChooseCsvPath = (suggestedName: string) => Promise<string | null>;

/** Where the app gives none (tests, the e2e harness unless it passes one): as if the operator cancelled. */
export const noCsvPath: ChooseCsvPath = async () => null;

const TEXTS = {
  en: { title: 'Save the figures as CSV', filter: 'CSV files' },
  nl: { title: 'Cijfers opslaan als CSV', filter: 'CSV-bestanden' },
} as const;

/**
 * The app's save dialog for a figure's CSV, titled in the signed-in operator's language (read
 * when it opens): main's own texts, since a native dialog is not the renderer's. Electron is only
 * a type here: index.ts hands in its `dialog`, so this module loads under plain Node in tests.
 */
export function createCsvSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: () => BrowserWindow | null,
  locale: () => string = () => 'en-US',
  defaultFolder: () => string | null = () => null,
): ChooseCsvPath {
  return async (suggestedName) => {
    const texts = TEXTS[/^nl(?:-|$)/i.test(locale()) ? 'nl' : 'en'];
    const folder = defaultFolder();
    const options = {
      title: texts.title,
      defaultPath: folder ? join(folder, suggestedName) : suggestedName,
      filters: [{ name: texts.filter, extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
    };
    const window = parent();
    const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  };
}

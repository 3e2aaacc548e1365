import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ChannelOutput } from '@shared/ipc/channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { ChooseCsvPath } from './csv-save-dialog';

/** Writes a file whole or not at all (replacing one the operator chose to overwrite); fs in the app, a stand-in in tests. */
export type WriteTextFile = (path: string, text: string) => Promise<void>;

// UTF-8 with its byte-order mark, so a spreadsheet reads "€" and accented names as they are.
const BOM = '\uFEFF';

/** Beside the target first, then renamed over it: a failed write never leaves half a file, nor spoils the one it was to replace. */
export const writeTextFile: WriteTextFile = async (path, text) => {
  const temporary = `${path}.${randomUUID()}.part`;
  try {
    await writeFile(temporary, BOM + text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
};

/** The name the dialog suggests: the figure and the UTC date, e.g. `queueAge` on 4 December 2026 is `queue-age-2026-12-04.csv`. */
export function suggestedCsvName(figure: string, now: Date): string {
  const name = figure.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `${name}-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * A figure's CSV saved where the operator chooses. Cancelled: `saved: false`, nothing written.
 * A failed write: FILE_WRITE_FAILED with the system's code (EACCES, ENOSPC, ...) and no path.
 */
export async function saveFigureCsv(
  choose: ChooseCsvPath,
  write: WriteTextFile,
  input: { figure: string; csv: string },
  now: Date,
): Promise<Result<ChannelOutput<'dashboardSaveCsv'>>> {
  const path = await choose(suggestedCsvName(input.figure, now));
  if (path === null) return ok({ saved: false });
  try {
    await write(path, input.csv);
  } catch (error) {
    const reason = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'unknown';
    return err('FILE_WRITE_FAILED', { details: { reason } });
  }
  return ok({ saved: true, fileName: basename(path) });
}

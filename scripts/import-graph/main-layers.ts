import type { ImportEdge } from './read-imports';

/**
 * The floors of electron/main. `app/` is the composition root: it builds the backend and is imported
 * only by the entry file `index.ts`. `ipc/` is the transport: only `app/` and the entry file import it.
 * `db/` is the floor below every feature: it imports no feature. Every other folder is a feature.
 */
export const COMPOSITION_ROOT = 'app';
export const TRANSPORT = 'ipc';
export const DATABASE = 'db';
/** Files directly in electron/main (index.ts): the entry that starts Electron. */
export const ENTRY = '.';

/** The top folder of a file under electron/main, or `.` for a file directly in it. */
export function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? ENTRY : file.slice(0, slash);
}

/** Why an import from folder `from` to folder `to` goes the wrong way, or undefined when it may. */
export function upwardReason(from: string, to: string): string | undefined {
  if (from === to || from === ENTRY) return undefined;
  if (to === ENTRY) return 'nothing imports the entry file';
  if (to === COMPOSITION_ROOT) return 'only the entry file imports app/';
  if (to === TRANSPORT && from !== COMPOSITION_ROOT) return 'only app/ imports ipc/';
  if (from === DATABASE) return 'db/ imports no feature';
  return undefined;
}

export interface UpwardImport extends ImportEdge {
  reason: string;
}

export function upwardImports(edges: readonly ImportEdge[]): UpwardImport[] {
  return edges.flatMap((edge) => {
    const reason = upwardReason(folderOf(edge.from), folderOf(edge.to));
    return reason === undefined ? [] : [{ ...edge, reason }];
  });
}

/** The folder-to-folder imports of the graph, one edge per pair of distinct folders. */
export function folderEdges(edges: readonly ImportEdge[]): Array<{ from: string; to: string }> {
  const pairs = new Set(edges.map((edge) => `${folderOf(edge.from)}\0${folderOf(edge.to)}`));
  return [...pairs]
    .map((pair) => pair.split('\0') as [string, string])
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => ({ from, to }));
}

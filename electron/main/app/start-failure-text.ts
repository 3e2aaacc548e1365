import { accessProblemFromError } from '../recovery/database-access';

/** What the start error dialog says: main's own texts, since the renderer never loaded. */
const TEXTS = {
  title: 'Outage Credit Desk could not start',
  readOnly:
    'The app cannot save to {path}: the folder or file is read-only for this computer account, or the disk is read-only.\n\n' +
    'What to do: ask your IT support to give your account permission to change this folder and the files in it, then start the app again. ' +
    'Do not delete or move any files.\n\nCode for the service desk: {code}\nDetails: {detail}',
  other: 'Something went wrong while starting. Start the app again; if this keeps happening, call the service desk.\n\nDetails: {detail}',
} as const;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A readable, coded text for an error that stopped the start, with what to do when there is something to do. */
export function startFailureText(error: unknown, dbPath: string): { title: string; message: string } {
  const problem = accessProblemFromError(error, dbPath);
  const detail = error instanceof Error ? error.message : String(error);
  if (problem) return { title: TEXTS.title, message: fill(TEXTS.readOnly, { path: problem.path, code: problem.code, detail: problem.detail }) };
  return { title: TEXTS.title, message: fill(TEXTS.other, { detail }) };
}

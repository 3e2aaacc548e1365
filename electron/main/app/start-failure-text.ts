import { accessProblemFromError } from '../recovery/database-access';

/**
 * What the start error dialog says: main's own texts, since the renderer (and its catalog)
 * never loaded. In the desktop's language, English or Dutch, as the sign-in screen would be.
 */
const TEXTS = {
  en: {
    title: 'Outage Credit Desk could not start',
    readOnly:
      'The app cannot save to {path}: the folder or file is read-only for this computer account, or the disk is read-only.\n\n' +
      'What to do: ask your IT support to give your account permission to change this folder and the files in it, then start the app again. ' +
      'Do not delete or move any files.\n\nCode for the service desk: {code}\nDetails: {detail}',
    other: 'Something went wrong while starting. Start the app again; if this keeps happening, call the service desk.\n\nDetails: {detail}',
  },
  nl: {
    title: 'Outage Credit Desk kon niet starten',
    readOnly:
      'De app kan niet opslaan in {path}: de map of het bestand is alleen-lezen voor dit computeraccount, of de schijf is alleen-lezen.\n\n' +
      'Wat u kunt doen: vraag uw IT-ondersteuning om uw account toestemming te geven om deze map en de bestanden erin te wijzigen, en start de app daarna opnieuw. ' +
      'Verwijder of verplaats geen bestanden.\n\nCode voor de servicedesk: {code}\nDetails: {detail}',
    other: 'Er ging iets mis bij het starten. Start de app opnieuw; blijft het gebeuren, bel dan de servicedesk.\n\nDetails: {detail}',
  },
} as const;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A readable, coded text for an error that stopped the start, with what to do when there is something to do. */
export function startFailureText(error: unknown, dbPath: string, locale = 'en-US'): { title: string; message: string } {
  const texts = TEXTS[/^nl(?:-|$)/i.test(locale) ? 'nl' : 'en'];
  const problem = accessProblemFromError(error, dbPath);
  const detail = error instanceof Error ? error.message : String(error);
  if (problem) return { title: texts.title, message: fill(texts.readOnly, { path: problem.path, code: problem.code, detail: problem.detail }) };
  return { title: texts.title, message: fill(texts.other, { detail }) };
}

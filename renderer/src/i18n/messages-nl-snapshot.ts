import type { snapshotMessagesEn } from './messages-en-snapshot';

/** Een nieuwe computer die de klantgegevens van de locatie van de hub laadt. */
export const snapshotMessagesNl: { readonly [K in keyof typeof snapshotMessagesEn]: string } = {
  'snapshot.title': 'De klantgegevens van de locatie worden van de hub geladen',
  'snapshot.searchSoon': 'Zoeken kan zodra de klantrekeningen binnen zijn.',
  'snapshot.searchReady': 'Zoeken werkt nu. Nog bezig met: {tables}.',
  'snapshot.failed': 'Het laden van de klantgegevens is gestopt; het begint opnieuw bij de volgende synchronisatie met de hub.',
  'snapshot.progressLabel': 'Klantgegevens geladen',
  'snapshot.tableRows': '{table}: {loaded} van {total}',
  'snapshot.table.accounts': 'klantrekeningen',
  'snapshot.table.outages': 'storingen',
  'snapshot.table.credit_policies': 'creditregelingen',
  'snapshot.table.lines': 'aansluitingen',
  'snapshot.table.impacts': 'getroffen aansluitingen',
  'snapshot.table.outage_policies': 'regelingen per storing',
  'snapshot.table.credits': 'tegoeden',
};

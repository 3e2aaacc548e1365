import type { integrityMessagesEn } from './messages-en-integrity';

/** Het integriteitsalarm (het auditlogboek en het anker buiten de database kloppen niet) en de sterkte van het anker. */
export const integrityMessagesNl: { readonly [K in keyof typeof integrityMessagesEn]: string } = {
  'error.INTEGRITY_ALARM':
    'De desk staat in integriteitsalarm: het auditlogboek klopt niet met het anker. Beslissingen over uitzonderingen en wijzigingen door beheerders worden geweigerd tot een beheerder het alarm bevestigt. Zoeken en lezen werken nog.',
  'integrity.bannerTitle': 'Integriteitsalarm',
  'integrity.banner':
    'Het auditlogboek klopt niet met het anker dat buiten de database wordt bewaard: {reason}. Zoeken en lezen werken nog; beslissingen over uitzonderingen en wijzigingen door beheerders worden geweigerd tot een beheerder het heeft onderzocht en bevestigd.',
  'integrity.reason.events_missing':
    'het bevat {eventCount} gebeurtenissen terwijl het anker er {anchoredCount} vastlegde, dus er zijn gebeurtenissen verwijderd of is een databasebestand verloren gegaan',
  'integrity.reason.head_mismatch': 'de nieuwste gebeurtenis die het anker vastlegde staat niet meer in het logboek, dus het logboek is herschreven',
  'integrity.reason.stamp_missing': 'het ankerstempel naast de database is verwijderd',
  'integrity.reason.stamp_invalid': 'het ankerstempel of de sleutel ervan is niet leesbaar of klopt niet',
  'integrity.reason.chain_broken': 'de auditketen is verbroken bij gebeurtenis {seq}',
  'integrity.reason.hub_chain_mismatch':
    'de auditketen van de hub bevat de gebeurtenis niet meer die deze computer daar het laatst zag, dus het logboek van de hub is ingekort of herschreven',
  'integrity.detectedAt': 'Gemeld op {at}.',
  'integrity.askAdmin': 'Waarschuw een beheerder of de beveiliging.',
  'integrity.note': 'Wat u hebt gevonden en gedaan',
  'integrity.noteHint': 'Wordt met uw naam in het auditlogboek vastgelegd, bijv. "Back-up van vannacht teruggezet nadat de schijf was uitgevallen".',
  'integrity.acknowledge': 'Bevestigen en opnieuw verankeren',
  'integrity.acknowledging': 'Bezig met bevestigen…',
  'integrity.anchorStrong': 'Het anker van het auditlogboek is verzegeld met de sleutelhanger van deze computer.',
  'integrity.anchorWeak':
    'Deze computer heeft geen sleutelhanger voor de app (bijvoorbeeld Linux zonder keyring), dus het anker van het auditlogboek staat hier onbeveiligd en is zwak: wie de bestanden van de app kan wijzigen, kan het vervalsen.',
  'integrity.anchorHub': 'Er is een hub ingesteld: de auditketen van de hub is de officiële registratie van alles wat deze computer heeft gesynchroniseerd.',
};

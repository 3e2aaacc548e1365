import type { hubMessagesEn } from './messages-en-hub';

/** Het hubscherm van de beheerder. */
export const hubMessagesNl: { readonly [K in keyof typeof hubMessagesEn]: string } = {
  'nav.hub': 'Hub',
  'hub.title': 'Hub',
  'hub.loading': 'De status van de hub wordt opgevraagd…',
  'hub.standalone': 'Deze computer werkt zelfstandig: er is geen hub ingesteld. De gegevens blijven op deze computer.',
  'hub.invalidConfig': 'De hubinstellingen van deze computer zijn ongeldig, dus deze computer werkt zelfstandig. In het logboek staat welk bestand en wat er mis is.',
  'hub.desktop': 'Deze computer',
  'hub.notEnrolled': 'Nog niet aangemeld',
  'hub.connection': 'Verbinding',
  'hub.online': 'Online: aangemeld bij de hub',
  'hub.offline': 'Offline: verzoeken wachten hier en gaan door zodra de hub antwoordt',
  'hub.pending': 'Wacht op synchronisatie',
  'hub.pendingCount': '{count} handelingen',
  'hub.archive': 'Geschiedenis van vóór de hub',
  'hub.archiveText':
    'Bewaard toen deze computer zich bij de hub aansloot ({date}): de eigen verzoeken om een handmatige correctie ({requests}) en auditgebeurtenissen ({events}), één JSON-record per regel met de audithashes, in',
  'hub.enrolTitle': 'Deze computer aanmelden',
  'hub.enrolIntro': 'Een beheerder van de hub maakt een eenmalige aanmeldcode; vul die hier in met een naam voor deze computer.',
  'hub.code': 'Aanmeldcode',
  'hub.codeHint': 'Drie groepen van vier letters en cijfers, bijv. ABCD-EFGH-JKLM.',
  'hub.name': 'Naam van de computer',
  'hub.nameHint': 'Zo staat deze computer in de lijst van de hub, bijv. Verdieping 2, plek 14.',
  'hub.enrol': 'Aanmelden',
  'hub.enrolling': 'Bezig met aanmelden…',
  'hub.enrolled': 'Aangemeld: de hub kent deze computer als {name}.',
};

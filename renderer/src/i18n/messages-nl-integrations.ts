import type { integrationMessagesEn } from './messages-en-integrations';

/** De sleutels van de telefooncentrale voor screen-pop, op het hubscherm van de beheerder. */
export const integrationMessagesNl: { readonly [K in keyof typeof integrationMessagesEn]: string } = {
  'integrations.title': 'Telefooncentrale (screen-pop)',
  'integrations.intro':
    'De telefooncentrale meldt de hub wanneer een gesprek bij een medewerker binnenkomt, en het account van de beller opent op de computer van die medewerker. Elke centrale heeft een eigen sleutel; trek er een in en de hub weigert hem direct.',
  'integrations.none': 'Nog geen telefooncentrale heeft een sleutel.',
  'integrations.col.label': 'Koppeling',
  'integrations.col.createdBy': 'Gemaakt',
  'integrations.col.lastUsed': 'Laatste screen-pop',
  'integrations.col.state': 'Stand',
  'integrations.createdByOn': 'door {who}, {date}',
  'integrations.neverUsed': 'Nooit',
  'integrations.revokedOn': 'Ingetrokken {date}',
  'integrations.revoke': 'Intrekken',
  'integrations.revokeNamed': 'De sleutel van {label} intrekken',
  'integrations.createTitle': 'Nieuwe sleutel',
  'integrations.label': 'Naam van de koppeling',
  'integrations.labelHint': 'Welke telefooncentrale hem gebruikt, bijv. Genesys, verdieping 2.',
  'integrations.create': 'Sleutel maken',
  'integrations.createdOnce': 'De sleutel voor {label}. Kopieer hem nu naar de telefooncentrale: hij wordt maar één keer getoond en de hub bewaart alleen een vingerafdruk ervan.',
  'integrations.dismiss': 'Ik heb hem gekopieerd',
};

import type { screenPopMessagesEn } from './messages-en-screen-pop';

/** Koppelingen vanuit het telefoniesysteem (outage-credit-desk://lookup?...). */
export const screenPopMessagesNl: { readonly [K in keyof typeof screenPopMessagesEn]: string } = {
  'screenPop.refused': 'Het telefoniesysteem stuurde een koppeling die deze app niet accepteert: {reason} Zoek de beller zelf op.',
  'screenPop.dismiss': 'Sluiten',
  'screenPop.reason.not_a_lookup_link': 'het is geen opzoekkoppeling.',
  'screenPop.reason.unknown_parameter': 'er staat een andere parameter in dan phone, account of call.',
  'screenPop.reason.repeated_parameter': 'er staat een parameter twee keer in.',
  'screenPop.reason.one_target': 'er moet precies één telefoonnummer of één klantnummer in staan.',
  'screenPop.reason.bad_phone': 'het telefoonnummer is niet volledig.',
  'screenPop.reason.bad_account': 'het klantnummer is ongeldig.',
  'screenPop.reason.bad_call': 'het gespreksnummer is ongeldig.',
};

import type { limitsMessagesEn } from './messages-en-limits';

/** Het beheerscherm voor de limieten van uitzonderingen. */
export const limitsMessagesNl: { readonly [K in keyof typeof limitsMessagesEn]: string } = {
  'nav.overrideLimits': 'Limieten uitzonderingen',
  'limits.title': 'Limieten voor uitzonderingen',
  'limits.intro': 'Deze limieten gelden voor elk verzoek en elke goedkeuring, wat het scherm ook stuurt.',
  'limits.perRequestCap': 'Hoogste bedrag per verzoek',
  'limits.perRequestCapHint': 'In de valuta van de klant, bijvoorbeeld 50,00.',
  'limits.agentDailyTotal': 'Goedgekeurd totaal per medewerker per dag',
  'limits.agentDailyTotalHint': 'Geteld per werkdag in de tijdzone van de vestiging, per valuta apart, over alle goedgekeurde verzoeken van de medewerker.',
  'limits.siteTimeZone': 'Tijdzone van de vestiging',
  'limits.siteTimeZoneHint': 'Waar een werkdag begint en eindigt voor het dagtotaal, bijvoorbeeld Europe/Amsterdam. Zolang een beheerder er geen opslaat, gebruikt de desk de tijdzone van deze computer.',
  'limits.expiryDays': 'Dagen tot een onbeslist verzoek verloopt',
  'limits.expiryDaysHint': 'Van 1 tot 90 dagen.',
  'limits.error.amount': 'Vul een bedrag boven nul in, zoals 50 of 50,00.',
  'limits.error.expiryDays': 'Vul een heel aantal dagen in, van 1 tot 90.',
  'limits.error.siteTimeZone': 'Vul de naam van een tijdzone in, zoals Europe/Amsterdam, America/Chicago of UTC.',
  'limits.error.dailyBelowCap': 'Het dagtotaal mag niet lager zijn dan het hoogste bedrag per verzoek.',
  'limits.save': 'Limieten opslaan',
  'limits.saving': 'Bezig met opslaan…',
  'limits.saved': 'Limieten opgeslagen. Ze gelden vanaf het volgende verzoek en de volgende beslissing.',
  'limits.loading': 'De huidige limieten worden geladen…',
};

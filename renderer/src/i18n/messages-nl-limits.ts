import type { limitsMessagesEn } from './messages-en-limits';

/** Het beheerscherm voor de limieten van uitzonderingen. */
export const limitsMessagesNl: { readonly [K in keyof typeof limitsMessagesEn]: string } = {
  'nav.overrideLimits': 'Limieten uitzonderingen',
  'limits.title': 'Limieten voor uitzonderingen',
  'limits.intro': 'Elk verzoek om een uitzondering en elke goedkeuring op deze vestiging wordt aan deze limieten getoetst. Een verzoek boven het hoogste bedrag, of een verzoek dat de medewerker boven het dagtotaal brengt, kan niet worden ingediend of goedgekeurd. Een eigen daglimiet van een medewerker, ingesteld op het scherm Medewerkers, komt voor die medewerker in de plaats van het dagtotaal.',
  'limits.perRequestCap': 'Hoogste bedrag per verzoek',
  'limits.perRequestCapHint': 'Een bedrag zoals 50,00, in de valuta van de klant.',
  'limits.perCurrency': 'Geldt in elke valuta apart: {amounts}.',
  'limits.agentDailyTotal': 'Goedgekeurd totaal per medewerker per dag',
  'limits.agentDailyTotalHint': 'Wat er voor één medewerker op één werkdag (in de tijdzone van de vestiging) mag worden goedgekeurd, alle goedgekeurde verzoeken bij elkaar opgeteld.',
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

import type { recoveryMessagesEn } from './messages-en-recovery';

/** Teksten van het herstelscherm. */
export const recoveryMessagesNl: { readonly [K in keyof typeof recoveryMessagesEn]: string } = {
  'recovery.title': 'De database van de desk is beschadigd',
  'recovery.explanation':
    'Bij het starten heeft de app in de lokale database beschadigde gegevens gevonden. Om erger te voorkomen opent de app niets en slaat hij niets op tot de database is hersteld.',
  'recovery.noLoss':
    'Bij herstellen wordt de beschadigde database vervangen door de laatste back-up die zijn eigen controle heeft doorstaan. Het beschadigde bestand blijft ernaast staan voor de servicedesk.',
  'recovery.latestBackup': 'Laatste gecontroleerde back-up: {takenAt}',
  'recovery.noBackup': 'Er staat geen gecontroleerde back-up op deze computer. Bel de servicedesk en verwijder geen bestanden.',
  'recovery.restore': 'Laatste back-up terugzetten',
  'recovery.restoring': 'Bezig met terugzetten…',
  'recovery.restored': 'De back-up van {takenAt} is teruggezet. De app start opnieuw.',
  'recovery.details': 'Technische gegevens voor de servicedesk',
  'recovery.readOnly.title': 'De database van de desk kan niet worden opgeslagen',
  'recovery.readOnly.folder':
    'In de map met de database van de desk mag dit computeraccount geen bestanden opslaan, dus de app opent niets en slaat niets op. Uw gegevens zijn niet beschadigd.',
  'recovery.readOnly.file':
    'Het databasebestand van de desk is alleen-lezen voor dit computeraccount, dus de app opent niets en slaat niets op. Uw gegevens zijn niet beschadigd.',
  'recovery.readOnly.where': 'Alleen-lezen: {path}',
  'recovery.readOnly.whatToDo':
    'Wat u kunt doen: vraag uw IT-ondersteuning om uw account toestemming te geven om deze map en de bestanden erin te wijzigen (en na te gaan dat de schijf niet alleen-lezen is), en start de app daarna opnieuw. Verwijder of verplaats geen bestanden.',
  'recovery.code': 'Code voor de servicedesk: {code}',
};

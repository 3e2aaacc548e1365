import type { adminMessagesEn } from './messages-en-admin';

/** De beheerschermen: de proefrun, de bevestiging en het resultaat van een regeling. */
export const adminMessagesNl: { readonly [K in keyof typeof adminMessagesEn]: string } = {
  'policyRun.policyName': '{name} (versie {version})',
  'policyRun.policiesHint': 'Vergoedingsregeling: {policies}',
  'policyRun.state.previewing': 'Elke klant wordt gecontroleerd; er wordt nog niets geschreven…',
  'policyRun.previewProgressLabel': 'Klanten gecontroleerd',
  'policyRun.previewProgress': '{done} van {total} klanten gecontroleerd, {rate} klanten per seconde. Tot nu toe {credits} vergoedingen te schrijven.',
  'policyRun.previewReady': 'Gecontroleerd. De run schrijft {credits} vergoedingen; bevestig om ze te schrijven.',
  'policyRun.previewNothing': 'Gecontroleerd. De run zou geen nieuwe vergoedingen schrijven; er is niets te bevestigen.',
  'policyRun.confirm.title': '{count} vergoedingen schrijven?',
  'policyRun.confirm.body': 'De regeling voor {title} nu uitvoeren plant deze vergoedingen in op de volgende rekening van de klanten. Later opnieuw uitvoeren betaalt nooit dubbel.',
  'policyRun.confirm.totalsCaption': 'Te schrijven vergoedingen, per valuta',
  'policyRun.confirm.outcomesCaption': 'Gecontroleerde klanten, per uitkomst',
  'policyRun.confirm.write': '{count} vergoedingen schrijven',
  'policyRun.confirm.back': 'Terug, niets schrijven',
  'policyRun.result.title': 'Resultaat van de run',
  'policyRun.result.outcomesCaption': 'Beoordeelde klanten, per uitkomst',
  'policyRun.result.totalsCaption': 'Geschreven vergoedingen, per valuta',
  'policyRun.column.outcome': 'Uitkomst',
  'policyRun.column.accounts': 'Klanten',
  'policyRun.column.currency': 'Valuta',
  'policyRun.column.credits': 'Vergoedingen',
  'policyRun.column.amount': 'Bedrag',
  'export.readyNone': 'Er staat niets klaar: geen ingeplande vergoeding wacht op een batch, dus er is geen batch te maken.',
  'export.col.totals': 'Totaal per valuta',
} as const;

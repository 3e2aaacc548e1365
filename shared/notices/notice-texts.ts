/**
 * What the customer reads, in the languages accounts carry (en, nl, es). These are not the
 * interface catalog (renderer/src/i18n): they are sent to customers, so they exist in every
 * customer language, and the SMS texts are kept short enough for one GSM-7 message.
 * Placeholders: {brand} {name} {amount} {date} (the outage's start) {earliest} {latest} {until}.
 */
export const customerLanguages = ['en', 'nl', 'es'] as const;
export type CustomerLanguage = (typeof customerLanguages)[number];

export type NoticeCase = 'eligible_automatic' | 'eligible_on_request' | 'already_credited' | 'not_eligible' | 'needs_review' | 'no_policy';

interface NoticeTexts {
  readonly sms: Record<NoticeCase, string>;
  readonly subject: Record<NoticeCase, string>;
  readonly body: Record<NoticeCase, string>;
  readonly greeting: string;
  readonly closing: string;
}

export const noticeTexts: Record<CustomerLanguage, NoticeTexts> = {
  en: {
    sms: {
      eligible_automatic: '{brand}: a {amount} credit for the outage of {date} will be on your bill of {earliest} (at the latest {latest}). No action needed.',
      eligible_on_request: '{brand}: you can get a {amount} credit for the outage of {date}. Ask for it by {until}; we can register it for you.',
      already_credited: '{brand}: your {amount} credit for the outage of {date} is already on your account.',
      not_eligible: '{brand}: your account does not qualify for the credit for the outage of {date}. Questions? Call us.',
      needs_review: '{brand}: we are checking whether your account qualifies for a credit for the outage of {date}. We will let you know.',
      no_policy: '{brand}: no credit has been set yet for the outage of {date}. We will let you know.',
    },
    subject: {
      eligible_automatic: 'Your {amount} credit for the outage of {date}',
      eligible_on_request: 'A {amount} credit for the outage of {date}',
      already_credited: 'Your credit for the outage of {date}',
      not_eligible: 'About the outage of {date}',
      needs_review: 'We are checking your credit for the outage of {date}',
      no_policy: 'About the outage of {date}',
    },
    body: {
      eligible_automatic:
        'We are sorry for the outage of {date}. A credit of {amount} will appear on your bill of {earliest}, and at the latest on your bill of {latest}. You do not need to do anything.',
      eligible_on_request:
        'We are sorry for the outage of {date}. You can get a credit of {amount}: ask for it by {until}, by phone or in the app, and it will appear on a following bill.',
      already_credited: 'We are sorry for the outage of {date}. Your credit of {amount} for it is already on your account.',
      not_eligible:
        'We are sorry for the outage of {date}. Your account does not qualify for the credit offered for it. If you think this is wrong, please call us and we will look at it with you.',
      needs_review: 'We are sorry for the outage of {date}. We are checking whether your account qualifies for a credit and will let you know.',
      no_policy: 'We are sorry for the outage of {date}. No credit has been set for it yet; we will let you know when it is.',
    },
    greeting: 'Dear {name},',
    closing: 'Kind regards,\n{brand} customer service',
  },
  nl: {
    sms: {
      eligible_automatic: '{brand}: een tegoed van {amount} voor de storing van {date} staat op uw factuur van {earliest} (uiterlijk {latest}). U hoeft niets te doen.',
      eligible_on_request: '{brand}: u kunt een tegoed van {amount} krijgen voor de storing van {date}. Vraag het aan voor {until}; wij regelen het graag.',
      already_credited: '{brand}: uw tegoed van {amount} voor de storing van {date} staat al op uw rekening.',
      not_eligible: '{brand}: uw account komt niet in aanmerking voor het tegoed voor de storing van {date}. Vragen? Bel ons.',
      needs_review: '{brand}: we controleren of uw account in aanmerking komt voor een tegoed voor de storing van {date}. U hoort van ons.',
      no_policy: '{brand}: voor de storing van {date} is nog geen tegoed vastgesteld. U hoort van ons.',
    },
    subject: {
      eligible_automatic: 'Uw tegoed van {amount} voor de storing van {date}',
      eligible_on_request: 'Een tegoed van {amount} voor de storing van {date}',
      already_credited: 'Uw tegoed voor de storing van {date}',
      not_eligible: 'Over de storing van {date}',
      needs_review: 'We controleren uw tegoed voor de storing van {date}',
      no_policy: 'Over de storing van {date}',
    },
    body: {
      eligible_automatic:
        'Het spijt ons dat u last had van de storing van {date}. Een tegoed van {amount} staat op uw factuur van {earliest}, en uiterlijk op die van {latest}. U hoeft er niets voor te doen.',
      eligible_on_request:
        'Het spijt ons dat u last had van de storing van {date}. U kunt een tegoed van {amount} krijgen: vraag het aan voor {until}, telefonisch of in de app, en het komt op een volgende factuur.',
      already_credited: 'Het spijt ons dat u last had van de storing van {date}. Uw tegoed van {amount} daarvoor staat al op uw rekening.',
      not_eligible:
        'Het spijt ons dat u last had van de storing van {date}. Uw account komt niet in aanmerking voor het tegoed dat daarvoor geldt. Denkt u dat dit niet klopt? Bel ons, dan kijken we het samen na.',
      needs_review: 'Het spijt ons dat u last had van de storing van {date}. We controleren of uw account in aanmerking komt voor een tegoed en laten het u weten.',
      no_policy: 'Het spijt ons dat u last had van de storing van {date}. Er is nog geen tegoed voor vastgesteld; we laten het u weten zodra dat zo is.',
    },
    greeting: 'Beste {name},',
    closing: 'Met vriendelijke groet,\nKlantenservice {brand}',
  },
  es: {
    sms: {
      eligible_automatic: '{brand}: un credito de {amount} por la interrupcion del {date} estara en su factura del {earliest} (a mas tardar {latest}). No debe hacer nada.',
      eligible_on_request: '{brand}: puede recibir un credito de {amount} por la interrupcion del {date}. Pidalo antes del {until}; podemos registrarlo por usted.',
      already_credited: '{brand}: su credito de {amount} por la interrupcion del {date} ya esta en su cuenta.',
      not_eligible: '{brand}: su cuenta no califica para el credito por la interrupcion del {date}. ¿Preguntas? Llamenos.',
      needs_review: '{brand}: estamos revisando si su cuenta califica para un credito por la interrupcion del {date}. Le avisaremos.',
      no_policy: '{brand}: aun no se ha fijado un credito por la interrupcion del {date}. Le avisaremos.',
    },
    subject: {
      eligible_automatic: 'Su crédito de {amount} por la interrupción del {date}',
      eligible_on_request: 'Un crédito de {amount} por la interrupción del {date}',
      already_credited: 'Su crédito por la interrupción del {date}',
      not_eligible: 'Sobre la interrupción del {date}',
      needs_review: 'Estamos revisando su crédito por la interrupción del {date}',
      no_policy: 'Sobre la interrupción del {date}',
    },
    body: {
      eligible_automatic:
        'Lamentamos la interrupción del servicio del {date}. Un crédito de {amount} aparecerá en su factura del {earliest}, y a más tardar en la del {latest}. No tiene que hacer nada.',
      eligible_on_request:
        'Lamentamos la interrupción del servicio del {date}. Puede recibir un crédito de {amount}: pídalo antes del {until}, por teléfono o en la aplicación, y aparecerá en una factura siguiente.',
      already_credited: 'Lamentamos la interrupción del servicio del {date}. Su crédito de {amount} ya está en su cuenta.',
      not_eligible:
        'Lamentamos la interrupción del servicio del {date}. Su cuenta no califica para el crédito ofrecido. Si cree que es un error, llámenos y lo revisaremos con usted.',
      needs_review: 'Lamentamos la interrupción del servicio del {date}. Estamos revisando si su cuenta califica para un crédito y le avisaremos.',
      no_policy: 'Lamentamos la interrupción del servicio del {date}. Todavía no se ha fijado un crédito; le avisaremos cuando se haga.',
    },
    greeting: 'Estimado/a {name}:',
    closing: 'Atentamente,\nServicio al cliente de {brand}',
  },
};

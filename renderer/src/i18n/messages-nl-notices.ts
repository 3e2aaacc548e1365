import type { noticeMessagesEn } from './messages-en-notices';

export const noticeMessagesNl: { readonly [K in keyof typeof noticeMessagesEn]: string } = {
  'notice.summary': 'Tekst om naar de klant te sturen',
  'notice.language': 'Taal van het bericht',
  'notice.language.en': 'English',
  'notice.language.nl': 'Nederlands',
  'notice.language.es': 'Español',
  'notice.preferred': '{language} (de voorkeurstaal van de klant)',
  'notice.sms': 'Sms',
  'notice.smsOne': '{units} van {limit} tekens: één sms',
  'notice.smsParts': '{units} tekens: {segments} sms-delen ({perSegment} tekens per deel, {encoding})',
  'notice.encoding.gsm7': 'GSM-7',
  'notice.encoding.ucs2': 'Unicode',
  'notice.email': 'E-mail',
  'notice.subject': 'Onderwerp',
  'notice.copySms': 'Sms kopiëren',
  'notice.copyEmail': 'E-mail kopiëren',
  'notice.copied': 'Gekopieerd. Plak het in de sms- of e-mailtool.',
  'notice.copyFailed': 'Kopiëren is mislukt: {reason}',
};

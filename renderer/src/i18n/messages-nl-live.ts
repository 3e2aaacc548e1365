import type { liveMessagesEn } from './messages-en-live';

/** De verbinding met de hub zoals de kop die toont. */
export const liveMessagesNl: { readonly [K in keyof typeof liveMessagesEn]: string } = {
  'live.offlineBadge': 'Offline',
  'auth.noOfflineSignIn':
    'De hub is niet bereikbaar. Zonder hub kan alleen iemand aanmelden die zich de afgelopen 12 uur op deze computer heeft aangemeld; probeer het opnieuw zodra de hub terug is.',
  'live.offline': 'Offline: u werkt met de kopie op deze computer. Verzoeken wachten hier; goedkeuren en limieten wijzigen kan pas weer met de hub.',
};

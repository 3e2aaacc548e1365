/** The hub link as the header shows it, and what offline means for the operator. */
export const liveMessagesEn = {
  'live.offlineBadge': 'Offline',
  'auth.noOfflineSignIn':
    'The hub cannot be reached. Only someone who signed in on this desktop in the last 12 hours can sign in without it; try again once the hub is back.',
  'live.offline': 'Offline: working from this desktop’s copy. Requests wait here; approvals and limit changes need the hub.',
} as const;

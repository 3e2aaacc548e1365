/** The hub link as the header shows it, and what offline means for the operator. */
export const liveMessagesEn = {
  'live.offlineBadge': 'Offline',
  'live.offline': 'Offline: working from this desktop’s copy. Requests wait here; approvals and limit changes need the hub.',
} as const;

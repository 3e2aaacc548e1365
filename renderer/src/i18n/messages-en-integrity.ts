/** The integrity alarm (the audit log and its anchor outside the database disagree) and the anchor's strength. */
export const integrityMessagesEn = {
  'error.INTEGRITY_ALARM':
    'The desk is in an integrity alarm: the audit log does not match its anchor. Override decisions and admin changes are refused until an admin acknowledges the alarm. Searching and reading still work.',
  'integrity.bannerTitle': 'Integrity alarm',
  'integrity.banner':
    'The audit log does not match the anchor kept outside the database: {reason}. Searching and reading still work; override decisions and admin changes are refused until an admin has looked into it and acknowledged it.',
  'integrity.reason.events_missing':
    'it holds {eventCount} events where the anchor recorded {anchoredCount}, so events were deleted or a database file was lost',
  'integrity.reason.head_mismatch': 'the newest event the anchor recorded is no longer in the log, so the log was rewritten',
  'integrity.reason.stamp_missing': 'the anchor stamp beside the database was removed',
  'integrity.reason.stamp_invalid': 'the anchor stamp or its key cannot be read or does not verify',
  'integrity.reason.chain_broken': 'the audit chain is broken at event {seq}',
  'integrity.reason.hub_chain_mismatch':
    "the hub's audit chain no longer holds the event this desktop saw there last, so the hub's log was cut back or rewritten",
  'integrity.detectedAt': 'Raised on {at}.',
  'integrity.askAdmin': 'Tell an admin or security.',
  'integrity.note': 'What you found and did',
  'integrity.noteHint': 'Recorded in the audit log with your name, e.g. "Restored last night\'s backup after the disk failed".',
  'integrity.acknowledge': 'Acknowledge and re-anchor',
  'integrity.acknowledging': 'Acknowledging…',
  'integrity.anchorStrong': "The audit log's anchor is sealed with this computer's keychain.",
  'integrity.anchorWeak':
    "This computer has no keychain for the app (for example Linux without a keyring), so the audit log's anchor is stored unprotected and is weak here: someone who can edit the app's files could forge it.",
  'integrity.anchorHub': "A hub is configured: the hub's audit chain is the record for everything this desktop synced.",
} as const;

/** English messages of the recovery screen, spread into `messagesEn`. */
export const recoveryMessagesEn = {
  'recovery.title': 'The desk database is damaged',
  'recovery.explanation':
    'When the app started, its check of the local database found damaged data. To keep it from getting worse, the app opened nothing and saves nothing until the database is restored.',
  'recovery.noLoss':
    'Restoring replaces the damaged database with the latest backup that passed its own check. The damaged file is kept beside it for the service desk.',
  'recovery.latestBackup': 'Latest verified backup: {takenAt}',
  'recovery.noBackup': 'There is no verified backup on this computer. Call the service desk; do not delete any files.',
  'recovery.restore': 'Restore the latest backup',
  'recovery.restoring': 'Restoring…',
  'recovery.restored': 'Restored the backup from {takenAt}. The app is restarting.',
  'recovery.details': 'Technical details for the service desk',
} as const;

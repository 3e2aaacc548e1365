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
  'recovery.readOnly.title': 'The desk database cannot be saved to',
  'recovery.readOnly.folder':
    'The folder that holds the desk database does not let this computer account save files in it, so the app opened nothing and saves nothing. Your data is not damaged.',
  'recovery.readOnly.file':
    'The desk database file is read-only for this computer account, so the app opened nothing and saves nothing. Your data is not damaged.',
  'recovery.readOnly.where': 'Read-only: {path}',
  'recovery.readOnly.whatToDo':
    'What to do: ask your IT support to give your account permission to change this folder and the files in it (and to make sure the disk is not read-only), then start the app again. Do not delete or move any files.',
  'recovery.code': 'Code for the service desk: {code}',
} as const;

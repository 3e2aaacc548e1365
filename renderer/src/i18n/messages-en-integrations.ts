/** The phone system's screen-pop tokens, on the admin's hub screen. */
export const integrationMessagesEn = {
  'integrations.title': 'Phone system (screen-pop)',
  'integrations.intro':
    'The phone system calls the hub when a call reaches an agent, and the caller’s account opens on that agent’s desktop. Each phone system uses its own token; revoke one and the hub refuses it at once.',
  'integrations.none': 'No phone system has a token yet.',
  'integrations.col.label': 'Integration',
  'integrations.col.createdBy': 'Made',
  'integrations.col.lastUsed': 'Last screen-pop',
  'integrations.col.state': 'State',
  'integrations.createdByOn': 'by {who}, {date}',
  'integrations.neverUsed': 'Never',
  'integrations.revokedOn': 'Revoked {date}',
  'integrations.revoke': 'Revoke',
  'integrations.revokeNamed': 'Revoke the token of {label}',
  'integrations.createTitle': 'New token',
  'integrations.label': 'Integration name',
  'integrations.labelHint': 'Which phone system will use it, e.g. Genesys, floor 2.',
  'integrations.create': 'Make token',
  'integrations.createdOnce': 'The token for {label}. Copy it into the phone system now: it is shown this once and the hub keeps only a fingerprint of it.',
  'integrations.dismiss': 'I have copied it',
} as const;

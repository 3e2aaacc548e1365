import { creditMessagesEn } from './messages-en-credits';
import { feedMessagesEn } from './messages-en-feeds';
import { overrideMessagesEn } from './messages-en-overrides';
import { evidenceMessagesEn } from './messages-en-evidence';
import { recoveryMessagesEn } from './messages-en-recovery';
import { limitsMessagesEn } from './messages-en-limits';
import { screenPopMessagesEn } from './messages-en-screen-pop';
import { hubMessagesEn } from './messages-en-hub';
import { integrationMessagesEn } from './messages-en-integrations';
import { liveMessagesEn } from './messages-en-live';
import { snapshotMessagesEn } from './messages-en-snapshot';
import { integrityMessagesEn } from './messages-en-integrity';
import { noticeMessagesEn } from './messages-en-notices';
import { operatorMessagesEn } from './messages-en-operators';
import { dashboardMessagesEn } from './messages-en-dashboard';
import { auditMessagesEn } from './messages-en-audit';
import { adminMessagesEn } from './messages-en-admin';

/**
 * The English catalog. Every sentence the UI shows lives here, keyed, so that the Dutch
 * catalog can be added beside it with the same keys (`Messages` makes a missing key a
 * compile error there). Placeholders are `{name}`.
 */
export const messagesEn = {
  'app.productName': 'Outage Credit Desk',
  'app.loading': 'Starting…',
  'app.operatorRole': 'Signed in as {name}, {role}',
  'app.signOut': 'Sign out',
  'app.signingOut': 'Signing out…',
  'app.interfaceLanguage': 'Language',
  'app.interfaceLanguageFailed': 'The language could not be changed: {reason}',
  'languageName.en-US': 'English',
  'languageName.nl-NL': 'Nederlands',

  'async.retry': 'Try again',

  'nav.label': 'Where you are',
  'nav.search': 'Find the caller',
  'nav.account': 'Account {accountNumber}',
  'nav.shortcutHint': 'Press / or Ctrl+K to search from anywhere',
  'nav.menu': 'Screens',

  'role.agent': 'Agent',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Admin',

  'auth.title': 'Sign in',
  'auth.intro': 'Sign in with your operator account to look up outage credits.',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.submit': 'Sign in',
  'auth.submitting': 'Signing in…',
  'auth.usernameRequired': 'Enter your username.',
  'auth.passwordRequired': 'Enter your password.',
  'auth.lockedUntil': 'This operator is locked after too many failed attempts. Try again after {time}.',

  'search.label': 'Find the caller',
  'search.placeholder': 'Account number, phone, email, postal code or name',
  'search.resultsLabel': 'Matching accounts',
  'search.idleHint': 'Type an account number, a phone number in any format, an email, a postal code or a name.',
  'search.keysHint': 'Arrow keys move through the results, Enter opens one, Escape clears the search.',
  'search.searching': 'Searching…',
  'search.noResults': 'No account matches “{query}”. Searched as: {modes}.',
  'search.noResultsNoModes': 'No account matches “{query}”.',
  'search.resultCountOne': '1 account found.',
  'search.resultCountOther': '{count} accounts found.',
  'search.truncated': 'Showing the first {count} matches. Type more to narrow the search.',
  'search.tooLong': 'Searches are limited to {max} characters. Only the first {max} are used.',
  'search.invalid': 'That search cannot be used. Check what you typed and try again.',
  'search.column.holder': 'Account holder',
  'search.column.account': 'Account',
  'search.column.type': 'Brand, plan and status',
  'search.column.match': 'Matched by',
  'search.column.postal': 'Postal code',
  'search.matchedByPrefix': 'Matched by',
  'search.heading': 'Account search',
  'search.column.chip': 'Active outage',
  'search.chipPrefix': 'For the active outage:',
  'search.chipWithAmount': '{status} · {amount}',
  'search.chip.not_affected': 'Not affected',
  'search.chip.no_policy': 'No credit policy',
  'search.activeOutage.label': 'Active outage',
  'search.activeOutage.title': 'Active outage: {title}',
  'search.activeOutage.ended': '{start} to {end}',
  'search.activeOutage.ongoing': 'since {start}, still ongoing',
  'search.activeOutage.policy': 'Policy: {name}',
  'search.activeOutage.noPolicy': 'No credit policy is attached yet',
  'search.activeOutage.accountsOne': '1 account affected',
  'search.activeOutage.accountsOther': '{count} accounts affected',

  'mode.account_number': 'account number',
  'mode.phone': 'phone',
  'mode.email': 'email',
  'mode.postal_code': 'postal code',
  'mode.name': 'name',

  'matchedBy.account_number': 'Account number',
  'matchedBy.phone': 'Phone',
  'matchedBy.email': 'Email',
  'matchedBy.postal_code': 'Postal code',
  'matchedBy.name': 'Name',

  'brand.att': 'AT&T',
  'brand.cricket': 'Cricket',
  'segment.consumer': 'Consumer',
  'segment.business': 'Business',
  'paymentType.postpaid': 'Postpaid',
  'paymentType.prepaid': 'Prepaid',
  'accountStatus.active': 'Active',
  'accountStatus.suspended': 'Suspended',
  'accountStatus.closed': 'Closed',
  'lineStatus.active': 'Active',
  'lineStatus.suspended': 'Suspended',
  'lineStatus.closed': 'Closed',
  'serviceType.wireless_voice': 'Wireless voice',
  'serviceType.wireless_data': 'Wireless data',
  'serviceType.home_internet': 'Home internet',
  'serviceType.fixed_voice': 'Fixed voice',
  'language.en': 'English',
  'language.nl': 'Dutch',
  'language.es': 'Spanish',

  'account.back': 'Back to results',
  'account.backHint': 'Escape or Alt+Left Arrow',
  'account.loading': 'Loading account {accountNumber}…',
  'account.notFound': 'There is no account with number {accountNumber}.',
  'account.retry': 'Try again',
  'account.numberLabel': 'Account {accountNumber}',
  'account.detailsLabel': 'Account details',
  'account.billCycleDay': 'Bill cycle day',
  'account.billCycleDayValue': 'Day {day} of each month',
  'account.monthlyCharge': 'Monthly charge',
  'account.email': 'Email',
  'account.contactPhone': 'Contact phone',
  'account.serviceAddress': 'Service address',
  'account.serviceAddressValue': '{region}, {postalCode}',
  'account.preferredLanguage': 'Preferred language',
  'account.notProvided': 'Not on file',
  'account.linesTitle': 'Lines',
  'account.linesCountOne': '1 line',
  'account.linesCountOther': '{count} lines',
  'account.linesEmpty': 'This account has no lines.',
  'account.lines.number': 'Number',
  'account.lines.serviceType': 'Service',
  'account.lines.monthlyRate': 'Monthly rate',
  'account.lines.status': 'Status',
  'account.outagesTitle': 'Outages and credits',
  'account.outagesPending': 'Outage decisions and credits for this account will be shown here.',

  'error.INVALID_INPUT': 'Some of what was entered is not valid. Check it and try again.',
  'error.UNKNOWN_CHANNEL': 'The app asked for something it does not support. Restart the app; if it happens again, call the service desk.',
  'error.FORBIDDEN_SENDER': 'This window is not allowed to make that request. Restart the app.',
  'error.NOT_SIGNED_IN': 'You are not signed in. Sign in to continue.',
  'error.SESSION_LOCKED': 'Your session locked after 15 minutes without activity. Sign in again.',
  'error.FORBIDDEN_ROLE': 'Your role does not allow this action.',
  'error.BAD_CREDENTIALS': 'The username or password is not right. Check them and try again.',
  'error.OPERATOR_LOCKED': 'This operator is locked after too many failed attempts. Try again later.',
  'error.PASSWORD_CHANGE_REQUIRED': 'Choose a new password before you continue.',
  'error.MANAGED_AT_HUB': 'This desk syncs with a hub, and operators are managed there. An admin must enrol this desktop first.',
  'error.NOT_FOUND': 'That record was not found.',
  'error.CONFLICT': 'Someone else changed this record. Reload it and try again.',
  'error.STORAGE_FULL': 'The disk is full, so nothing could be saved. Call the service desk.',
  'error.RECOVERY_MODE': 'The database is damaged, so the desk is in recovery mode. Restore the latest backup first.',
  'error.HUB_UNAVAILABLE': 'The hub cannot be reached just now, and this needs it. Try again in a moment.',
  'error.NOT_ENROLLED': 'This desktop is not enrolled with the hub (or was revoked). An admin must enrol it first.',
  'error.ENROLMENT_CODE_INVALID': 'That enrolment code is not valid: it may be mistyped, used already or expired. Ask for a new one.',
  'error.UNSENT_OPERATIONS': 'This desktop still has changes it has not sent to the hub it was enrolled at. Connect it to that hub until they are sent, then enrol it here.',
  ...creditMessagesEn,
  ...overrideMessagesEn,
  ...evidenceMessagesEn,
  ...feedMessagesEn,
  ...recoveryMessagesEn,
  ...limitsMessagesEn,
  ...screenPopMessagesEn,
  ...hubMessagesEn,
  ...integrationMessagesEn,
  ...liveMessagesEn,
  ...snapshotMessagesEn,
  ...integrityMessagesEn,
  ...noticeMessagesEn,
  ...operatorMessagesEn,
  ...dashboardMessagesEn,
  ...auditMessagesEn,
  ...adminMessagesEn,

  'error.FILE_WRITE_FAILED': 'The file could not be saved there. Choose another folder, or check that the disk is not full.',
  'error.DATABASE_BUSY': 'An import or a hub download is still writing on this desktop, so nothing was changed. Try again in a minute.',
  'error.INTERNAL': 'Something went wrong in the app. Try again; if it keeps happening, call the service desk.',
} as const;

export type MessageKey = keyof typeof messagesEn;

/** The shape every catalog must have: the English keys, any wording. */
export type Messages = { readonly [K in MessageKey]: string };

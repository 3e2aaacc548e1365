import type { AuditEventView } from '@shared/ipc/audit-channels';
import { messagesEn, type MessageKey } from '../../../i18n/messages-en';
import { t, type MessageParams } from '../../../i18n/translate';
import { formatCalendarDate, formatMoney, formatNumber } from '../../../lib/format';

type Json = AuditEventView['after'];
type Fields = { readonly [key: string]: Json };

export interface AuditSentence {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

function fieldsOf(value: Json): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function text(value: Json | undefined): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function catalogOr(key: string, fallback: string): string {
  return Object.prototype.hasOwnProperty.call(messagesEn, key) ? t(key as MessageKey) : fallback;
}

/** `override_request:01J…` → `01J…`; `operator:sam` → `sam`. */
function targetId(target: string): string {
  const colon = target.indexOf(':');
  return colon < 0 ? target : target.slice(colon + 1);
}

/** Who did it, as a person reads it: the operator's display name, or the app itself. */
export function auditWho(event: AuditEventView): string {
  return event.operator?.displayName ?? t('audit.who.app');
}

/** `override_settings.changed` → `override settings changed`: a readable name for an action this build has no words for. */
export function humanAction(action: string): string {
  return action.replace(/[._]+/g, ' ').trim();
}

interface Context {
  readonly event: AuditEventView;
  readonly who: string;
  readonly account: string;
  readonly before: Fields;
  readonly after: Fields;
  readonly locale: string;
}

function amountOf(fields: Fields, locale: string): string {
  const minor = fields.amountMinor;
  const currency = text(fields.currency);
  if (typeof minor !== 'number') return t('audit.amountUnknown');
  return currency ? formatMoney(Math.abs(minor), currency, locale) : formatNumber(Math.abs(minor) / 100, locale, 2);
}

function calendarDate(value: string | null, locale: string): string {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDate(value, locale) : (value ?? '—');
}

function refusalReason(fields: Fields): string {
  const reason = text(fields.reason);
  const code = text(fields.code);
  // Refusal sentences with placeholders ({cap}) need values the event does not carry: the code's words then.
  const worded = reason && Object.prototype.hasOwnProperty.call(messagesEn, `override.refusal.${reason}`) ? messagesEn[`override.refusal.${reason}` as MessageKey] : null;
  if (worded && !worded.includes('{')) return t(`override.refusal.${reason}` as MessageKey);
  if (code) return catalogOr(`error.${code}`, code);
  return reason ?? t('audit.amountUnknown');
}

/** One sentence per action kind this app writes; each reads the fields that kind records. */
const sentences: Readonly<Record<string, (c: Context) => AuditSentence>> = {
  'override.submitted': (c) => ({
    key: 'auditEvent.override.submitted',
    params: { who: c.who, account: c.account, kind: catalogOr(`override.kind.${text(c.after.kind) ?? ''}`, text(c.after.kind) ?? ''), amount: amountOf(c.after, c.locale) },
  }),
  'override.approved': (c) => ({ key: 'auditEvent.override.approved', params: { who: c.who, account: c.account, amount: amountOf(c.after, c.locale), requester: text(c.after.requestedBy) ?? '' } }),
  'override.rejected': (c) => ({ key: 'auditEvent.override.rejected', params: { who: c.who, account: c.account, amount: amountOf(c.after, c.locale), requester: text(c.after.requestedBy) ?? '' } }),
  'override.withdrawn': (c) => ({ key: 'auditEvent.override.withdrawn', params: { who: c.who, account: c.account, amount: amountOf(c.after, c.locale) } }),
  'override.expired': (c) => ({ key: 'auditEvent.override.expired', params: { account: c.account, days: text(c.after.expiryDays) ?? '?' } }),
  'override.refused': (c) => ({ key: 'auditEvent.override.refused', params: { who: c.who, operation: text(c.after.operation) ?? targetId(c.event.target), reason: refusalReason(c.after) } }),
  'override.refusals_repeated': (c) => ({
    key: 'auditEvent.override.refusals_repeated',
    params: { operation: text(c.after.operation) ?? targetId(c.event.target), count: text(c.after.repeats) ?? '?', reason: refusalReason(c.after) },
  }),
  'credit.created': (c) => ({ key: 'auditEvent.credit.created', params: { who: c.who, account: c.account, amount: amountOf(c.after, c.locale), billDate: calendarDate(text(c.after.billDate), c.locale) } }),
  'credit.reversed': (c) => ({ key: 'auditEvent.credit.reversed', params: { who: c.who, account: c.account } }),
  'credit.reversal_line': (c) => ({ key: 'auditEvent.credit.reversal_line', params: { who: c.who, account: c.account } }),
  'auth.signed_in': (c) => ({ key: 'auditEvent.auth.signed_in', params: { who: c.who, role: catalogOr(`role.${text(c.after.role) ?? ''}`, text(c.after.role) ?? '') } }),
  'auth.sign_in_failed': (c) => ({ key: 'auditEvent.auth.sign_in_failed', params: { username: targetId(c.event.target) } }),
  'auth.locked': (c) => ({ key: 'auditEvent.auth.locked', params: { username: targetId(c.event.target) } }),
  'auth.password_rehashed': (c) => ({ key: 'auditEvent.auth.password_rehashed', params: { who: c.who } }),
  'operator.locale_changed': (c) => ({
    key: 'auditEvent.operator.locale_changed',
    params: { who: c.who, locale: catalogOr(`languageName.${text(c.after.locale) ?? ''}`, text(c.after.locale) ?? '') },
  }),
  'operator.created': (c) => ({
    key: 'auditEvent.operator.created',
    params: { who: c.who, username: targetId(c.event.target), name: text(c.after.displayName) ?? targetId(c.event.target), role: catalogOr(`role.${text(c.after.role) ?? ''}`, text(c.after.role) ?? '') },
  }),
  'operator.role_changed': (c) => ({
    key: 'auditEvent.operator.role_changed',
    params: { who: c.who, username: targetId(c.event.target), role: catalogOr(`role.${text(c.after.role) ?? ''}`, text(c.after.role) ?? '') },
  }),
  'operator.daily_limit_changed': (c) => ({
    key: typeof c.after.dailyTotalMinor === 'number' ? 'auditEvent.operator.daily_limit_changed' : 'auditEvent.operator.daily_limit_cleared',
    params: {
      who: c.who,
      username: targetId(c.event.target),
      amount: typeof c.after.dailyTotalMinor === 'number' ? amountOf({ amountMinor: c.after.dailyTotalMinor, currency: c.after.currency ?? null }, c.locale) : '',
      currency: text(c.after.currency) ?? '',
    },
  }),
  'operator.deactivated': (c) => ({ key: 'auditEvent.operator.deactivated', params: { who: c.who, username: targetId(c.event.target) } }),
  'operator.reactivated': (c) => ({ key: 'auditEvent.operator.reactivated', params: { who: c.who, username: targetId(c.event.target) } }),
  'operator.password_reset': (c) => ({ key: 'auditEvent.operator.password_reset', params: { who: c.who, username: targetId(c.event.target) } }),
  'operator.password_changed': (c) => ({ key: 'auditEvent.operator.password_changed', params: { who: c.who } }),
  'operator.password_change_failed': (c) => ({ key: 'auditEvent.operator.password_change_failed', params: { who: c.who } }),
  'override_settings.changed': (c) => ({ key: 'auditEvent.override_settings.changed', params: { who: c.who } }),
  'override_patterns.changed': (c) => ({ key: 'auditEvent.override_patterns.changed', params: { who: c.who } }),
  'policy_run.finished': (c) => ({
    key: 'auditEvent.policy_run.finished',
    params: { who: c.who, credits: text(c.after.creditsWritten) ?? '0', accounts: text(c.after.accounts) ?? '0', state: catalogOr(`policyRun.state.${text(c.after.state) ?? ''}`, text(c.after.state) ?? '') },
  }),
  'audit.integrity_acknowledged': (c) => ({ key: 'auditEvent.audit.integrity_acknowledged', params: { who: c.who, note: text(c.after.note) ?? '' } }),
  'feed_import.finished': (c) => ({
    key: 'auditEvent.feed_import.finished',
    params: { who: c.who, state: catalogOr(`import.state.${text(c.after.state) ?? ''}`, text(c.after.state) ?? ''), rejected: text(c.after.rejected) ?? '0' },
  }),
  'billing_export.created': (c) => ({ key: 'auditEvent.billing_export.created', params: { who: c.who, batch: targetId(c.event.target), lines: text(c.after.lines) ?? '0' } }),
  'fault_report.recorded': (c) => ({ key: 'auditEvent.fault_report.recorded', params: { who: c.who, account: c.account } }),
  'evidence.refused': (c) => ({ key: 'auditEvent.evidence.refused', params: { who: c.who, operation: text(c.after.operation) ?? targetId(c.event.target), reason: refusalReason(c.after) } }),
  'claim.registered': (c) => ({ key: 'auditEvent.claim.registered', params: { who: c.who, account: c.account } }),
  'hub.standalone_archived': (c) => ({ key: 'auditEvent.hub.standalone_archived', params: { who: c.who, requests: text(c.after.overrideRequests) ?? '0', events: text(c.after.auditEvents) ?? '0' } }),
  'hub.cache_cleared': (c) => ({
    key: 'auditEvent.hub.cache_cleared',
    params: { who: c.who, from: text(c.before.hub) ?? '', to: text(c.after.hub) ?? '', accounts: text(c.before.accounts) ?? '0', requests: text(c.before.overrideRequests) ?? '0' },
  }),
};

/** The action kinds the app writes and has words for: the action filter offers these. */
export const knownAuditActions: readonly string[] = Object.keys(sentences);

/**
 * What an event says, as one sentence from the catalog: who did what to which request,
 * credit or account. An action kind this build does not know (a newer main, a new feature)
 * still reads as a sentence, never as its JSON.
 */
export function auditSentence(event: AuditEventView, locale: string): AuditSentence {
  const context: Context = {
    event,
    who: auditWho(event),
    account: event.accountNumber ?? t('audit.noAccount'),
    before: fieldsOf(event.before),
    after: fieldsOf(event.after),
    locale,
  };
  const build = Object.prototype.hasOwnProperty.call(sentences, event.action) ? sentences[event.action] : undefined;
  if (build) return build(context);
  return event.accountNumber
    ? { key: 'auditEvent.genericAccount', params: { who: context.who, action: humanAction(event.action), account: event.accountNumber } }
    : { key: 'auditEvent.generic', params: { who: context.who, action: humanAction(event.action), target: event.target } };
}

export function auditSentenceText(event: AuditEventView, locale: string): string {
  const sentence = auditSentence(event, locale);
  return t(sentence.key, sentence.params);
}

/** The action filter's name for each action kind. */
const actionLabels: Readonly<Record<string, MessageKey>> = {
  'operator.created': 'auditAction.operator.created',
  'operator.role_changed': 'auditAction.operator.role_changed',
  'operator.daily_limit_changed': 'auditAction.operator.daily_limit_changed',
  'operator.deactivated': 'auditAction.operator.deactivated',
  'operator.reactivated': 'auditAction.operator.reactivated',
  'operator.password_reset': 'auditAction.operator.password_reset',
  'operator.password_changed': 'auditAction.operator.password_changed',
  'operator.password_change_failed': 'auditAction.operator.password_change_failed',
  'override.submitted': 'auditAction.override.submitted',
  'override.approved': 'auditAction.override.approved',
  'override.rejected': 'auditAction.override.rejected',
  'override.withdrawn': 'auditAction.override.withdrawn',
  'override.expired': 'auditAction.override.expired',
  'override.refused': 'auditAction.override.refused',
  'override.refusals_repeated': 'auditAction.override.refusals_repeated',
  'credit.created': 'auditAction.credit.created',
  'credit.reversed': 'auditAction.credit.reversed',
  'credit.reversal_line': 'auditAction.credit.reversal_line',
  'auth.signed_in': 'auditAction.auth.signed_in',
  'auth.sign_in_failed': 'auditAction.auth.sign_in_failed',
  'auth.locked': 'auditAction.auth.locked',
  'auth.password_rehashed': 'auditAction.auth.password_rehashed',
  'operator.locale_changed': 'auditAction.operator.locale_changed',
  'override_settings.changed': 'auditAction.override_settings.changed',
  'override_patterns.changed': 'auditAction.override_patterns.changed',
  'policy_run.finished': 'auditAction.policy_run.finished',
  'audit.integrity_acknowledged': 'auditAction.audit.integrity_acknowledged',
  'feed_import.finished': 'auditAction.feed_import.finished',
  'billing_export.created': 'auditAction.billing_export.created',
  'fault_report.recorded': 'auditAction.fault_report.recorded',
  'evidence.refused': 'auditAction.evidence.refused',
  'claim.registered': 'auditAction.claim.registered',
  'hub.standalone_archived': 'auditAction.hub.standalone_archived',
  'hub.cache_cleared': 'auditAction.hub.cache_cleared',
};

/** The label of an action in the filter: the catalog's name for it, or its readable form. */
export function auditActionLabel(action: string): string {
  const key = Object.prototype.hasOwnProperty.call(actionLabels, action) ? actionLabels[action] : undefined;
  return key ? t(key) : humanAction(action);
}

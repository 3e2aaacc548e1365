import type { AuditEventView } from '@shared/ipc/audit-channels';
import { messagesEn, type MessageKey } from '../../../i18n/messages-en';
import { t } from '../../../i18n/translate';
import { formatMoney, formatNumber } from '../../../lib/format';

type Json = AuditEventView['after'];

export interface AuditChange {
  readonly field: string;
  readonly label: string;
  /** Null where the event has no value before (a creation) or after (a removal). */
  readonly before: string | null;
  readonly after: string | null;
}

/** Fields the catalog names; any other field is shown by its own name made readable. */
const fieldLabels: Readonly<Record<string, MessageKey>> = {
  displayName: 'auditField.displayName',
  active: 'auditField.active',
  mustChangePassword: 'auditField.mustChangePassword',
  dailyTotalMinor: 'auditField.dailyTotalMinor',
  status: 'auditField.status',
  amountMinor: 'auditField.amountMinor',
  currency: 'auditField.currency',
  kind: 'auditField.kind',
  reasonCode: 'auditField.reasonCode',
  interactionRef: 'auditField.interactionRef',
  requestedBy: 'auditField.requestedBy',
  decidedBy: 'auditField.decidedBy',
  decisionNote: 'auditField.decisionNote',
  creditId: 'auditField.creditId',
  justification: 'auditField.justification',
  role: 'auditField.role',
  locale: 'auditField.locale',
  perRequestCapMinor: 'auditField.perRequestCapMinor',
  agentDailyTotalMinor: 'auditField.agentDailyTotalMinor',
  expiryDays: 'auditField.expiryDays',
  siteTimeZone: 'auditField.siteTimeZone',
  billDate: 'auditField.billDate',
  scheduledOn: 'auditField.scheduledOn',
  outageId: 'auditField.outageId',
  note: 'auditField.note',
  code: 'auditField.code',
  reason: 'auditField.reason',
  operation: 'auditField.operation',
  state: 'auditField.state',
  lines: 'auditField.lines',
  rejected: 'auditField.rejected',
  creditsWritten: 'auditField.creditsWritten',
  accounts: 'auditField.accounts',
};

/** Bookkeeping that says nothing to a reader of the log. */
const hidden = new Set(['id', 'version', 'accountNumber']);

function has(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesEn, key);
}

/** `perRequestCapMinor` → `per request cap minor`. */
function readableName(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

function fieldLabel(field: string): string {
  const key = Object.prototype.hasOwnProperty.call(fieldLabels, field) ? fieldLabels[field] : undefined;
  return key ? t(key) : readableName(field);
}

function codeWords(field: string, value: string): string {
  const candidates = field === 'status' ? [`override.status.${value}`, `credits.status.${value}`] : field === 'kind' ? [`override.kind.${value}`] : field === 'reasonCode' ? [`override.reason.${value}`] : field === 'role' ? [`role.${value}`] : [];
  const key = candidates.find(has);
  return key ? t(key as MessageKey) : value;
}

function valueText(field: string, value: Json | undefined, currency: string | null, locale: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') {
    if (/Minor$/.test(field)) return currency ? formatMoney(value, currency, locale) : formatNumber(value / 100, locale, 2);
    return formatNumber(value, locale);
  }
  if (typeof value === 'string') return codeWords(field, value);
  if (Array.isArray(value)) return value.map((v) => valueText(field, v, currency, locale) ?? '—').join(', ');
  // An amount per currency (the site's limits): each figure in its own currency.
  if (/Minor$/.test(field) && Object.keys(value).every((k) => /^[A-Z]{3}$/.test(k))) {
    return Object.entries(value)
      .map(([code, v]) => (typeof v === 'number' ? formatMoney(v, code, locale) : `${code}: ${valueText(field, v, code, locale) ?? '—'}`))
      .join(', ');
  }
  return Object.entries(value)
    .map(([k, v]) => `${readableName(k)}: ${valueText(k, v, currency, locale) ?? '—'}`)
    .join('; ');
}

function objectOf(value: Json): { readonly [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * What an event changed, field by field: for an event with a before and an after, the fields
 * that differ; for a creation (no before), every field it recorded. Values are worded (a status
 * by its name, an amount as money), so nothing is shown as JSON.
 */
export function auditChanges(event: AuditEventView, locale: string): AuditChange[] {
  const before = objectOf(event.before);
  const after = objectOf(event.after);
  const currency = typeof after.currency === 'string' ? after.currency : typeof before.currency === 'string' ? before.currency : null;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !hidden.has(f) && f !== 'currency');
  const onlyDifferences = event.before !== null && event.after !== null;
  return fields
    .filter((field) => !onlyDifferences || !same(before[field], after[field]))
    .map((field) => ({
      field,
      label: fieldLabel(field),
      before: valueText(field, before[field], currency, locale),
      after: valueText(field, after[field], currency, locale),
    }))
    .filter((change) => change.before !== null || change.after !== null);
}

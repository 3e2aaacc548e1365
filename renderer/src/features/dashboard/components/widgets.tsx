import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import type { MessageKey } from '../../../i18n/messages-en';
import { t, tCount } from '../../../i18n/translate';
import { Button } from '../../../components/button';
import { formatCalendarDate, formatDateTime, formatMoney, formatNumber } from '../../../lib/format';
import { creditsPerOutage, creditsPerOutageRegion, overridesPerDayBy, toCsv } from '../lib/figures';
import { ChartFigure } from './chart-figure';
import { Widget } from './widget';

export interface WidgetData {
  status: AsyncStatus;
  summary: DashboardSummary | null;
  error: IpcError | null;
  locale: string;
  timeZone: string;
}

/** Chart colours are the theme's tokens, so light and dark both hold. */
const palette = ['var(--accent)', 'var(--warning-strong)', 'var(--success-text)', 'var(--danger)', 'var(--info-text)', 'var(--text-muted)', 'var(--notice-border)'];
const axis = { stroke: 'var(--text-muted)', fontSize: 12 };
const tooltipStyle = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' } };

function reasonLabel(code: string): string {
  const key = `override.reason.${code}` as MessageKey;
  return t(key) === key ? code : t(key);
}

function waitedSince(iso: string, now: string): string {
  const minutes = Math.max(0, Math.floor((new Date(now).getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return t('dashboard.waitedMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('dashboard.waitedHours', { count: hours });
  return t('dashboard.waitedDays', { count: Math.floor(hours / 24) });
}

export function PendingWidget({ status, summary, error, locale, timeZone }: WidgetData) {
  const pending = summary?.pending;
  return (
    <Widget id="dash-pending" title={t('dashboard.pending.title')} status={status} error={error} empty={!pending} emptyText={t('dashboard.pending.none')}>
      {pending ? (
        <>
          <p className="dash-figure__big" data-testid="dash-pending-count">
            {pending.count === 0 ? t('dashboard.pending.none') : t('dashboard.pending.count', { count: formatNumber(pending.count, locale) })}
          </p>
          {pending.oldestCreatedAt ? (
            <p>
              {t('dashboard.pending.oldest', {
                waited: waitedSince(pending.oldestCreatedAt, summary.generatedAt),
                at: formatDateTime(pending.oldestCreatedAt, locale, timeZone),
              })}
            </p>
          ) : null}
          <h3 className="dash-widget__subtitle">{t('dashboard.expiring.title', { count: formatNumber(pending.expiringSoonCount, locale) })}</h3>
          {pending.expiringSoon.length === 0 ? (
            <p className="dash-widget__muted">{t('dashboard.expiring.none')}</p>
          ) : (
            <table className="dash-table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.col.account')}</th>
                  <th scope="col">{t('dashboard.col.agent')}</th>
                  <th scope="col" className="dash-table__num">{t('dashboard.col.amount')}</th>
                  <th scope="col">{t('dashboard.col.expires')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.expiringSoon.map((row) => (
                  <tr key={row.id}>
                    <td>{row.accountNumber}</td>
                    <td>{row.agent}</td>
                    <td className="dash-table__num">{formatMoney(row.amountMinor, row.currency, locale)}</td>
                    <td>{formatDateTime(row.expiresAt, locale, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </Widget>
  );
}

export function ApprovalsTodayWidget({ status, summary, error, locale }: WidgetData) {
  const rows = summary?.approvalsToday ?? [];
  return (
    <Widget id="dash-approvals" title={t('dashboard.approvals.title')} status={status} error={error} empty={rows.length === 0} emptyText={t('dashboard.approvals.none')}>
      <table className="dash-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.col.agent')}</th>
            <th scope="col" className="dash-table__num">{t('dashboard.col.count')}</th>
            <th scope="col" className="dash-table__num">{t('dashboard.col.approved')}</th>
            <th scope="col" className="dash-table__num">{t('dashboard.col.limit')}</th>
            <th scope="col">{t('dashboard.col.used')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const used = row.limitMinor > 0 ? Math.min(100, Math.round((row.amountMinor / row.limitMinor) * 100)) : 0;
            return (
              <tr key={`${row.agent}|${row.currency}`}>
                <td>{row.agent}</td>
                <td className="dash-table__num">{formatNumber(row.count, locale)}</td>
                <td className="dash-table__num">{formatMoney(row.amountMinor, row.currency, locale)}</td>
                <td className="dash-table__num">{formatMoney(row.limitMinor, row.currency, locale)}</td>
                <td>
                  <span className="dash-meter" data-near={used >= 80 ? 'true' : undefined}>
                    <span className="dash-meter__fill" style={{ width: `${used}%` }} />
                  </span>{' '}
                  {t('dashboard.percent', { value: formatNumber(used, locale) })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Widget>
  );
}

export function ExposureWidget({ status, summary, error, locale }: WidgetData) {
  const rows = summary?.exposure ?? [];
  return (
    <Widget id="dash-exposure" title={t('dashboard.exposure.title')} status={status} error={error} empty={rows.length === 0} emptyText={t('dashboard.exposure.none')}>
      <ul className="dash-list">
        {rows.map((row) => (
          <li key={row.currency}>
            <strong className="dash-figure__big">{formatMoney(row.amountMinor, row.currency, locale)}</strong>{' '}
            {tCount('dashboard.exposure.requestsOne', 'dashboard.exposure.requests', row.count, formatNumber(row.count, locale))}
          </li>
        ))}
      </ul>
      <p className="dash-widget__muted">{t('dashboard.exposure.hint')}</p>
    </Widget>
  );
}

export function CreditsWidget({ status, summary, error, locale }: WidgetData) {
  const credits = summary?.credits ?? [];
  const perOutage = creditsPerOutage(credits);
  const perRegion = creditsPerOutageRegion(credits);
  const top = perRegion.slice(0, 10);
  const table = (
    <table className="dash-table">
      <caption className="visually-hidden">{t('dashboard.credits.chartLabel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.col.outage')}</th>
          <th scope="col">{t('dashboard.col.region')}</th>
          <th scope="col" className="dash-table__num">{t('dashboard.col.scheduled')}</th>
          <th scope="col" className="dash-table__num">{t('dashboard.col.posted')}</th>
        </tr>
      </thead>
      <tbody>
        {perRegion.map((row) => (
          <tr key={row.label}>
            <td>{row.outage}</td>
            <td>{row.region}</td>
            <td className="dash-table__num">{formatNumber(row.scheduled, locale)}</td>
            <td className="dash-table__num">{formatNumber(row.posted, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Widget id="dash-credits" title={t('dashboard.credits.title')} status={status} error={error} empty={credits.length === 0} emptyText={t('dashboard.credits.none')}>
      <table className="dash-table" data-testid="dash-credits-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.col.outage')}</th>
            <th scope="col">{t('dashboard.col.currency')}</th>
            <th scope="col" className="dash-table__num">{t('dashboard.col.scheduled')}</th>
            <th scope="col" className="dash-table__num">{t('dashboard.col.posted')}</th>
          </tr>
        </thead>
        <tbody>
          {perOutage.map((row) => (
            <tr key={`${row.outageId}|${row.currency}`}>
              <td>{row.outage}</td>
              <td>{row.currency}</td>
              <td className="dash-table__num">
                {formatMoney(row.scheduledMinor, row.currency, locale)} ({formatNumber(row.scheduledCount, locale)})
              </td>
              <td className="dash-table__num">
                {formatMoney(row.postedMinor, row.currency, locale)} ({formatNumber(row.postedCount, locale)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="dash-widget__subtitle">{t('dashboard.credits.chartLabel')}</h3>
      <ChartFigure
        figure="credits"
        label={t('dashboard.credits.chartLabel')}
        csv={() =>
          toCsv(
            ['outage', 'region', 'currency', 'status', 'count', 'amount_minor'],
            credits.map((c) => [c.outage, c.region, c.currency, c.status, c.count, c.amountMinor]),
          )
        }
        table={table}
        chart={
          <ResponsiveContainer width="100%" height={Math.max(160, top.length * 34 + 50)}>
            <BarChart data={top} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid stroke="var(--border)" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={axis} stroke="var(--border-strong)" />
              <YAxis type="category" dataKey="label" width={220} tick={axis} stroke="var(--border-strong)" />
              <Tooltip {...tooltipStyle} />
              <Legend />
              <Bar dataKey="scheduled" name={t('dashboard.col.scheduled')} stackId="c" fill={palette[0]} isAnimationActive={false} />
              <Bar dataKey="posted" name={t('dashboard.col.posted')} stackId="c" fill={palette[2]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        }
      />
    </Widget>
  );
}

function MoneyTable({ rows, first, locale }: { rows: Array<{ key: string; label: string; currency: string; count: number; amountMinor: number }>; first: string; locale: string }) {
  return (
    <table className="dash-table">
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col" className="dash-table__num">{t('dashboard.col.count')}</th>
          <th scope="col" className="dash-table__num">{t('dashboard.col.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.key}|${row.currency}`}>
            <td>{row.label}</td>
            <td className="dash-table__num">{formatNumber(row.count, locale)}</td>
            <td className="dash-table__num">{formatMoney(row.amountMinor, row.currency, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverridesWidget({ status, summary, error, locale }: WidgetData) {
  const [by, setBy] = useState<'agent' | 'reason'>('agent');
  const perDay = summary?.overridesPerDay ?? [];
  const { series, rows } = overridesPerDayBy(perDay, by);
  const name = (s: string) => (by === 'reason' ? reasonLabel(s) : s);
  const label = by === 'agent' ? t('dashboard.overrides.chartByAgent') : t('dashboard.overrides.chartByReason');
  return (
    <Widget id="dash-overrides" title={t('dashboard.overrides.title')} status={status} error={error} empty={perDay.length === 0} emptyText={t('dashboard.overrides.none')}>
      <div className="dash-columns">
        <div>
          <h3 className="dash-widget__subtitle">{t('dashboard.overrides.byReason')}</h3>
          <MoneyTable
            first={t('dashboard.col.reason')}
            locale={locale}
            rows={(summary?.overridesByReason ?? []).map((r) => ({ ...r, key: r.reason, label: reasonLabel(r.reason) }))}
          />
        </div>
        <div>
          <h3 className="dash-widget__subtitle">{t('dashboard.overrides.byAgent')}</h3>
          <MoneyTable first={t('dashboard.col.agent')} locale={locale} rows={(summary?.overridesByAgent ?? []).map((r) => ({ ...r, key: r.agent, label: r.agent }))} />
        </div>
      </div>
      <div className="dash-figure__tools" role="group" aria-label={t('dashboard.overrides.groupBy')}>
        <Button variant="ghost" aria-pressed={by === 'agent'} onClick={() => setBy('agent')}>
          {t('dashboard.overrides.perAgent')}
        </Button>
        <Button variant="ghost" aria-pressed={by === 'reason'} onClick={() => setBy('reason')}>
          {t('dashboard.overrides.perReason')}
        </Button>
      </div>
      <ChartFigure
        figure="overrides"
        label={label}
        csv={() => toCsv(['day', 'agent', 'reason', 'count'], perDay.map((r) => [r.day, r.agent, r.reason, r.count]))}
        table={
          <table className="dash-table">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.day')}</th>
                {series.map((s) => (
                  <th key={s} scope="col" className="dash-table__num">
                    {name(s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={String(row.day)}>
                  <th scope="row">{formatCalendarDate(String(row.day), locale)}</th>
                  {series.map((s) => (
                    <td key={s} className="dash-table__num">
                      {formatNumber(Number(row[s] ?? 0), locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={rows} margin={{ left: 0, right: 16 }}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis dataKey="day" tick={axis} stroke="var(--border-strong)" tickFormatter={(d: string) => formatCalendarDate(d, locale)} />
              <YAxis allowDecimals={false} tick={axis} stroke="var(--border-strong)" />
              <Tooltip {...tooltipStyle} labelFormatter={(d) => formatCalendarDate(String(d), locale)} />
              <Legend />
              {series.map((s, i) => (
                <Bar key={s} dataKey={s} name={name(s)} stackId="o" fill={palette[i % palette.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        }
      />
    </Widget>
  );
}

export function QueueAgeWidget({ status, summary, error, locale }: WidgetData) {
  const ages = summary?.queueAge ?? [];
  const data = ages.map((a) => ({ bucket: t(`dashboard.age.${a.bucket}`), count: a.count }));
  const empty = ages.every((a) => a.count === 0);
  return (
    <Widget id="dash-age" title={t('dashboard.age.title')} status={status} error={error} empty={empty} emptyText={t('dashboard.pending.none')}>
      <ChartFigure
        figure="queueAge"
        label={t('dashboard.age.title')}
        csv={() => toCsv(['waited', 'requests'], ages.map((a) => [a.bucket, a.count]))}
        table={
          <table className="dash-table">
            <caption className="visually-hidden">{t('dashboard.age.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.waited')}</th>
                <th scope="col" className="dash-table__num">{t('dashboard.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={row.bucket}>
                  <td>{row.bucket}</td>
                  <td className="dash-table__num">{formatNumber(row.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={data} margin={{ left: 8, right: 16 }}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              {/* Every bucket labelled (recharts drops labels that would overlap): slanted to fit. */}
              <XAxis dataKey="bucket" tick={axis} stroke="var(--border-strong)" interval={0} angle={-25} textAnchor="end" height={64} />
              <YAxis allowDecimals={false} tick={axis} stroke="var(--border-strong)" />
              <Tooltip {...tooltipStyle} />
              <Bar dataKey="count" name={t('dashboard.col.count')} fill={palette[1]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        }
      />
    </Widget>
  );
}

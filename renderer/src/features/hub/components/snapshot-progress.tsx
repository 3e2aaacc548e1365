import { useEffect } from 'react';
import { t } from '../../../i18n/translate';
import { formatNumber } from '../../../lib/format';
import { useDisplayLocale } from '../../../stores/session-store';
import './snapshot-progress.css';
import { useSnapshotStore } from '../stores/snapshot-store';

/**
 * A new desktop loading the site's customer data from the hub: one bar for all rows, what is
 * still loading table by table, and whether searching works yet (it does once the accounts are in).
 */
export function SnapshotProgress() {
  const snapshot = useSnapshotStore((s) => s.snapshot);
  const locale = useDisplayLocale();
  const count = (n: number) => formatNumber(n, locale);
  useEffect(() => useSnapshotStore.getState().follow(), []);
  if (!snapshot) return null;
  if (snapshot.state === 'failed') {
    return (
      <p className="snapshot-progress" role="status" data-testid="snapshot-progress">
        {t('snapshot.failed')}
      </p>
    );
  }
  const loaded = snapshot.tables.reduce((sum, table) => sum + table.loaded, 0);
  const total = snapshot.tables.reduce((sum, table) => sum + table.total, 0);
  const pending = snapshot.tables.filter((table) => table.loaded < table.total);
  return (
    <section className="snapshot-progress" aria-labelledby="snapshot-progress-title" data-testid="snapshot-progress">
      <h2 id="snapshot-progress-title" className="snapshot-progress__title">
        {t('snapshot.title')}
      </h2>
      <progress className="snapshot-progress__bar" aria-label={t('snapshot.progressLabel')} value={loaded} max={Math.max(total, 1)} />
      <p role="status">
        {snapshot.searchReady
          ? t('snapshot.searchReady', { tables: pending.map((table) => t(`snapshot.table.${table.table}`)).join(', ') })
          : t('snapshot.searchSoon')}
      </p>
      <ul className="snapshot-progress__tables">
        {pending.map((table) => (
          <li key={table.table}>
            {t('snapshot.tableRows', { table: t(`snapshot.table.${table.table}`), loaded: count(table.loaded), total: count(table.total) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

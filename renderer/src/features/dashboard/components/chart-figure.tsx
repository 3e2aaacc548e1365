import { useId, useState, type ReactNode } from 'react';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import { useDashboardStore } from '../stores/dashboard-store';

export interface ChartFigureProps {
  /** Names the figure for the copy message and the ids. */
  figure: string;
  label: string;
  chart: ReactNode;
  table: ReactNode;
  csv: () => string;
}

/**
 * A chart with its text equivalent: the same figures as a table (one button away), and a copy of
 * them as CSV. The chart is reached with Tab; the arrow keys move between its bars.
 */
export function ChartFigure({ figure, label, chart, table, csv }: ChartFigureProps) {
  const [asTable, setAsTable] = useState(false);
  const hintId = useId();
  const copied = useDashboardStore((s) => (s.copied?.figure === figure ? s.copied.outcome : null));
  const copyCsv = useDashboardStore((s) => s.copyCsv);
  return (
    <figure className="dash-figure" aria-label={label}>
      <div className="dash-figure__tools">
        <Button variant="ghost" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('dashboard.showChart') : t('dashboard.showTable')}
        </Button>
        <Button variant="ghost" onClick={() => void copyCsv(figure, csv())}>
          {t('dashboard.copyCsv')}
        </Button>
        <span role="status" className="dash-widget__muted">
          {copied ? t(`dashboard.copy.${copied}`) : ''}
        </span>
      </div>
      {asTable ? (
        table
      ) : (
        // The drawing itself takes focus (Recharts' accessibility layer): arrows step through
        // its bars and show each one's figures, as the pointer does.
        <div className="dash-figure__chart" role="group" aria-label={t('dashboard.chartAlt', { label })} aria-describedby={hintId}>
          {chart}
          <p id={hintId} className="dash-widget__muted dash-figure__hint">
            {t('dashboard.chartKeys')}
          </p>
        </div>
      )}
    </figure>
  );
}

import { useId, useState, type ReactNode } from 'react';
import { Button } from '../../../components/button';
import { errorMessage, t } from '../../../i18n/translate';
import { useDashboardStore, type SaveOutcome } from '../stores/dashboard-store';

function savedText(saved: SaveOutcome): string {
  if (saved.outcome === 'saved') return t('dashboard.save.saved', { file: saved.fileName ?? '' });
  if (saved.outcome === 'too_long') return t('dashboard.save.too_long');
  return saved.error ? errorMessage(saved.error.code) : t('dashboard.save.failed');
}

export interface ChartFigureProps {
  /** Names the figure for the save message and the suggested file name. */
  figure: string;
  label: string;
  chart: ReactNode;
  table: ReactNode;
  csv: () => string;
}

/**
 * A chart with its text equivalent: the same figures as a table (one button away), and the figures
 * saved as a CSV file. The chart is reached with Tab; the arrow keys move between its bars.
 */
export function ChartFigure({ figure, label, chart, table, csv }: ChartFigureProps) {
  const [asTable, setAsTable] = useState(false);
  const hintId = useId();
  const saved = useDashboardStore((s) => (s.saved?.figure === figure ? s.saved : null));
  const saveCsv = useDashboardStore((s) => s.saveCsv);
  return (
    <figure className="dash-figure" aria-label={label}>
      <div className="dash-figure__tools">
        <Button variant="ghost" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('dashboard.showChart') : t('dashboard.showTable')}
        </Button>
        <Button variant="ghost" onClick={() => void saveCsv(figure, csv())}>
          {t('dashboard.saveCsv')}
        </Button>
        <span role="status" className="dash-widget__muted">
          {saved ? savedText(saved) : ''}
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

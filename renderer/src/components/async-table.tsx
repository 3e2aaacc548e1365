import type { ReactNode } from 'react';
import { AsyncState, type AsyncStatus } from './async-state';

export interface AsyncTableProps<Row> {
  /** The table's accessible name. */
  label: string;
  status: AsyncStatus;
  rows: readonly Row[];
  /** The header cells (`<th scope="col">`), in column order. */
  head: ReactNode;
  /** One `<tr>` per row, with its key. */
  renderRow: (row: Row) => ReactNode;
  loadingText: string;
  emptyText: string;
  error?: string | null;
  onRetry?: () => void;
  className?: string;
}

/**
 * A list screen's table with its loading, empty and error states. While loading the table is
 * there and marked busy (with its headers, and the previous rows during a reload).
 */
export function AsyncTable<Row>({ label, status, rows, head, renderRow, className, ...state }: AsyncTableProps<Row>) {
  const loading = status === 'loading';
  return (
    <AsyncState status={status} empty={rows.length === 0 && !loading} {...state}>
      <table className={className} aria-label={label} aria-busy={loading || undefined}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{rows.map(renderRow)}</tbody>
      </table>
    </AsyncState>
  );
}

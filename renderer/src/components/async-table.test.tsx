import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AsyncTable, type AsyncTableProps } from './async-table';

interface Row {
  id: number;
  name: string;
}

function renderTable(props: Partial<AsyncTableProps<Row>> = {}) {
  return render(
    <AsyncTable<Row>
      label="Requests"
      status="loaded"
      rows={[]}
      head={
        <>
          <th scope="col">Number</th>
          <th scope="col">Name</th>
        </>
      }
      renderRow={(row) => (
        <tr key={row.id}>
          <td>{row.id}</td>
          <td>{row.name}</td>
        </tr>
      )}
      loadingText="Loading requests…"
      emptyText="No requests yet."
      {...props}
    />,
  );
}

const rows: Row[] = [
  { id: 1, name: 'Carlos Peña' },
  { id: 2, name: 'Zoe Nguyen' },
];

describe('AsyncTable', () => {
  it('shows the rows as a table named by its label, with column headers', () => {
    renderTable({ rows });
    const table = screen.getByRole('table', { name: 'Requests' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Number', 'Name']);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('row', { name: /Zoe Nguyen/ })).toBeInTheDocument();
    expect(table).not.toHaveAttribute('aria-busy');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('marks the table busy and announces the loading text while the first load runs', () => {
    renderTable({ status: 'loading' });
    expect(screen.getByRole('table', { name: 'Requests' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Loading requests…');
    expect(screen.queryByText('No requests yet.')).not.toBeInTheDocument();
  });

  it('keeps the previous rows during a reload, marked busy', () => {
    renderTable({ status: 'loading', rows });
    const table = screen.getByRole('table', { name: 'Requests' });
    expect(table).toHaveAttribute('aria-busy', 'true');
    expect(within(table).getByRole('row', { name: /Carlos Peña/ })).toBeInTheDocument();
  });

  it('says there is nothing to list instead of showing an empty table', () => {
    renderTable({ rows: [] });
    expect(screen.getByText('No requests yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('reports a failed load as an alert and retries from the keyboard', async () => {
    const onRetry = vi.fn();
    renderTable({ status: 'error', error: 'Main could not be reached.', onRetry });
    expect(screen.getByRole('alert')).toHaveTextContent('Main could not be reached.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText('No requests yet.')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Try again' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers no retry where the screen has none, and keeps rows it already had', () => {
    renderTable({ status: 'error', error: 'Main could not be reached.', rows });
    expect(screen.getByRole('alert')).toHaveTextContent('Main could not be reached.');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Requests' })).not.toHaveAttribute('aria-busy');
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });
});

/** The virtualised grid renders only the rows that come into view while it scrolls. */
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DataGrid, type GridColumn } from '../../renderer/ui/DataGrid.tsx';

interface Row {
  id: string;
  name: string;
}

const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}` }));

describe('DataGrid', () => {
  it('re-renders only the rows coming into view when scrolled, not the ones that stay', async () => {
    const renderName = vi.fn((r: Row) => <span>{r.name}</span>);
    const columns: GridColumn<Row>[] = [{ id: 'name', label: 'Name', width: '1fr', render: renderName }];
    const noop = () => {};
    render(
      <DataGrid<Row>
        label="Rows"
        columns={columns}
        rowCount={rows.length}
        rowAt={(i) => rows[i]}
        rowId={(r) => r.id}
        rowLabel={(r) => r.name}
        rowHeight={34}
        activeIndex={-1}
        onActiveIndex={noop}
        onOpen={noop}
        onRange={noop}
      />,
    );
    const shown = screen.getAllByRole('row').length - 1; // less the header
    expect(shown).toBeGreaterThan(20);
    expect(screen.getByRole('row', { name: 'Row 0' })).toBeTruthy();

    renderName.mockClear();
    const scroller = document.querySelector('.grid__scroll') as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 34 * 3;
      fireEvent.scroll(scroller);
      await new Promise((r) => setTimeout(r, 50));
    });
    // Three rows came into view at the bottom; the rest kept their props and were not rendered again.
    expect(renderName.mock.calls.length).toBeGreaterThan(0);
    expect(renderName.mock.calls.length).toBeLessThanOrEqual(3);
    expect(renderName.mock.calls.map(([r]) => r.name)).toContain(`Row ${shown + 2}`);
  });
});

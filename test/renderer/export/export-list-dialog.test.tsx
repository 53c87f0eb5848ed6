/**
 * The list export dialog: the columns shown on screen, all of them or a chosen few, sent with the
 * screen's own filter and sort; the choice remembered per list; the outcome said in a toast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportListDialog } from '../../../renderer/features/export/ExportListDialog.tsx';
import type { TestBook } from '../../helpers/book.ts';
import { renderExport, type RenderedExport } from './export.helpers.tsx';

let app: RenderedExport | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

async function seed(book: TestBook) {
  const people = [
    {
      givenName: 'Ann',
      familyName: 'Lee',
      tags: ['VIP'],
      emails: [{ label: 'work', email: 'ann@lee.test' }],
    },
    { givenName: 'Bob', familyName: 'Ray', tags: ['VIP'], address: { postcode: 'LS1 4AP' } },
    { givenName: 'Cara', familyName: 'Diaz', tags: ['Website'] },
  ];
  for (const person of people) await book.client.call('people.create', { person });
}

const INPUT = { sort: 'name', direction: 'asc', filter: { tag: 'VIP' }, now: 1 } as const;

function dialog(onClose = vi.fn()) {
  return (
    <ExportListDialog
      list="people"
      input={INPUT}
      count={2}
      shownColumns={['name', 'email', 'lastContact', 'tags']}
      onClose={onClose}
    />
  );
}

const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;

/** The file the stand-in Save dialog saved, without its byte order mark. */
function saved(a: RenderedExport, name = 'export.csv'): string {
  return fs.readFileSync(path.join(a.saveDir, name), 'utf8').replace(/^\uFEFF/u, '');
}

describe('export list dialog', () => {
  it('exports the columns shown on screen with the screen’s filter and sort, then says where it went', async () => {
    const onClose = vi.fn();
    app = await renderExport(dialog(onClose), { seed });
    const a = app;
    const box = await screen.findByRole('dialog', { name: 'Export contacts' });
    expect(box.textContent).toContain('The file holds the 2 contacts the list shows with its filters');
    await within(box).findByText('Name, Email, Last contacted, Tags');
    expect(radio(/The columns shown on screen/u).checked).toBe(true);

    await a.user.click(within(box).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(a.inputsOf('export.list')).toEqual([
      { ...INPUT, list: 'people', columns: ['name', 'email', 'lastContact', 'tags'] },
    ]);
    expect(saved(a)).toBe('Name,Email,Last contacted,Tags\r\nAnn Lee,ann@lee.test,,VIP\r\nBob Ray,,,VIP\r\n');
    expect(a.toasts()).toEqual([`Saved 2 contacts to export.csv in ${a.saveDir}.`]);
  });

  it('remembers “All columns” for the list, and sends no column list for it', async () => {
    app = await renderExport(dialog(), { seed });
    const a = app;
    await screen.findByText('Name, Email, Last contacted, Tags');
    await a.user.click(radio(/All columns/u));
    expect(JSON.parse(localStorage.getItem('ledgerline.export.columns.people') ?? 'null')).toEqual({
      mode: 'all',
      chosen: [],
    });

    // Opened again (another time, another screen visit): the choice is still there.
    cleanup();
    app = null;
    await a.stop();
    app = await renderExport(dialog(), { seed });
    const b = app;
    await screen.findByText('Name, Email, Last contacted, Tags');
    expect(radio(/All columns/u).checked).toBe(true);
    await b.user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(b.inputsOf('export.list')).toEqual([{ ...INPUT, list: 'people' }]));
    await waitFor(() => expect(b.toasts()).toHaveLength(1));
    const header = saved(b).split('\r\n')[0]!;
    expect(header.startsWith('Name,Given name,Family name,Company,')).toBe(true);
    expect(header.endsWith(',Ledgerline id')).toBe(true);
  });

  it('exports the columns ticked, in the file’s order, and will not export none', async () => {
    app = await renderExport(dialog(), { seed });
    const a = app;
    await screen.findByText('Name, Email, Last contacted, Tags');
    await a.user.click(radio(/Choose columns…/u));
    const checks = screen.getByRole('group', { name: 'Columns to export' });
    const box = (name: string) => within(checks).getByRole('checkbox', { name }) as HTMLInputElement;
    // The choice starts from the columns on screen.
    expect(box('Name').checked).toBe(true);
    expect(box('Email').checked).toBe(true);
    expect(box('Postcode').checked).toBe(false);

    await a.user.click(box('Email'));
    await a.user.click(box('Last contacted'));
    await a.user.click(box('Postcode'));
    expect(JSON.parse(localStorage.getItem('ledgerline.export.columns.people') ?? 'null')).toEqual({
      mode: 'chosen',
      chosen: ['name', 'tags', 'postcode'],
    });

    await a.user.click(screen.getByRole('button', { name: 'Untick all' }));
    expect(screen.getByText('Tick at least one column.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(true);
    await a.user.click(box('Tags'));
    await a.user.click(box('Postcode'));
    await a.user.click(box('Name'));

    await a.user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() =>
      // In the file's order (name, …, postcode, …, tags), whatever the order they were ticked in.
      expect(a.inputsOf('export.list')).toEqual([
        { ...INPUT, list: 'people', columns: ['name', 'postcode', 'tags'] },
      ]),
    );
    await waitFor(() => expect(a.toasts()).toHaveLength(1));
    expect(saved(a)).toBe('Name,Postcode,Tags\r\nAnn Lee,,VIP\r\nBob Ray,LS1 4AP,VIP\r\n');
  });

  it('says nothing and stays open when the Save dialog is closed', async () => {
    const onClose = vi.fn();
    app = await renderExport(dialog(onClose), { seed, save: () => null });
    const a = app;
    await screen.findByText('Name, Email, Last contacted, Tags');
    await a.user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(a.inputsOf('export.list')).toHaveLength(1));
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(a.toasts()).toEqual([]);
    expect(fs.readdirSync(a.saveDir)).toEqual([]);
  });

  it('shows the export’s progress while it runs, and its Cancel reaches the job', async () => {
    let choose!: (name: string) => void;
    const chosen = new Promise<string>((resolve) => (choose = resolve));
    const onClose = vi.fn();
    app = await renderExport(dialog(onClose), { seed, save: () => chosen });
    const a = app;
    await screen.findByText('Name, Email, Last contacted, Tags');
    await a.user.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('button', { name: 'Exporting…' })).toHaveProperty('disabled', true);
    // A job reports in (the Save dialog is still open here, so it is the only one).
    act(() =>
      a.book.hub.emit('job.progress', {
        jobId: 'job-42',
        kind: 'export.list',
        done: 500,
        total: 2000,
        message: 'Exporting contacts',
        state: 'running',
      }),
    );
    const progress = await screen.findByRole('group', { name: 'Exporting contacts' });
    expect(progress.textContent).toContain('500 of 2,000');
    expect(screen.getByRole('progressbar', { name: 'Exporting contacts: progress' })).toHaveProperty(
      'value',
      500,
    );
    await a.user.click(within(progress).getByRole('button', { name: 'Cancel: Exporting contacts' }));
    expect(a.inputsOf('jobs.cancel')).toEqual([{ jobId: 'job-42' }]);
    expect(progress.textContent).toContain('Cancelling…');

    // That job was not this export's after all: it goes on and is saved.
    choose('late.csv');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(a.toasts()).toEqual([`Saved 2 contacts to late.csv in ${a.saveDir}.`]);
  });
});

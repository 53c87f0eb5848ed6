/**
 * The Audit trail screen on a real book: events newest first (when, who, what, which record),
 * one opened to show its fields before and after; filtered by staff profile and by words, with a
 * designed empty state; a person's page › More › History… opens it on their history; a shorter
 * time to keep the trail is asked about first; Export CSV… exports what the filters show; and a
 * trail that cannot be read says so with Try again.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';
import { renderApp, type RenderedApp } from '../render-app.tsx';

let book: TestBook;
let app: RenderedApp | undefined;

beforeEach(async () => {
  book = await openTestBook();
  await setUp(book.client);
});

afterEach(async () => {
  app?.stop();
  app = undefined;
  await book.close();
});

async function start(): Promise<RenderedApp> {
  app = renderApp(book);
  await screen.findByRole('heading', { name: 'Today', level: 1 });
  return app;
}

async function openAudit(a: RenderedApp) {
  await a.user.click(
    within(screen.getByRole('navigation', { name: 'Sidebar' })).getByRole('button', { name: 'Audit trail' }),
  );
  await screen.findByRole('heading', { name: 'Audit trail', level: 1 });
  return screen.findByRole('list', { name: 'Audit trail' });
}

/** The events' headings, as their buttons read. */
const eventTexts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('button', { expanded: false })
    .map((b) => b.textContent);

/** The export runs in a job worker, which takes a while to start on a busy machine. */
const SLOW = { timeout: 30_000 };

describe('the Audit trail screen', SLOW, () => {
  it('lists who changed what, newest first, and opens an event on its before and after', async () => {
    const ann = await book.client.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', jobTitle: 'Buyer' },
    });
    book.clock.advance(3_600_000);
    await book.client.call('people.update', {
      id: ann.id,
      patch: { jobTitle: 'Head buyer', stage: 'customer' },
    });
    const a = await start();
    const list = await openAudit(a);
    const first = within(list).getAllByRole('button')[0]!;
    expect(first.textContent).toContain('Ada Lovelace');
    expect(first.textContent).toContain('Changed');
    expect(first.textContent).toContain('Person · Ann Lee');
    expect(first.getAttribute('aria-expanded')).toBe('false');
    await a.user.click(first);
    expect(first.getAttribute('aria-expanded')).toBe('true');
    const diff = await screen.findByRole('table');
    const rows = within(diff)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('rowheader')
          .concat(within(r).getAllByRole('cell'))
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['Job title', 'Buyer', 'Head buyer'],
      ['Stage', 'Lead', 'Customer'],
    ]);
    // The older events are below it.
    expect(eventTexts(list).some((t) => t?.includes('Added') && t.includes('Person · Ann Lee'))).toBe(true);
  });

  it('filters by staff profile and by words, and says when nothing matches', async () => {
    const grace = await book.client.call('staff.create', { name: 'Grace Hopper' });
    await book.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const a = await start();
    const list = await openAudit(a);
    await a.user.selectOptions(screen.getByRole('combobox', { name: 'Staff' }), grace.id);
    await screen.findByText('Nothing matches these filters');
    await a.user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await screen.findByRole('list', { name: 'Audit trail' });
    await a.user.type(screen.getByRole('textbox', { name: 'Search the audit trail' }), 'Ann');
    await waitFor(() => {
      const texts = eventTexts(screen.getByRole('list', { name: 'Audit trail' }));
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((t) => t?.includes('Ann Lee'))).toBe(true);
    });
    void list;
  });

  it('opens on a person’s history from their page', async () => {
    const ann = await book.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    await book.client.call('people.create', { person: { givenName: 'Bob', familyName: 'Ray' } });
    window.location.hash = `#/people/${ann.id}`;
    app = renderApp(book);
    const a = app;
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await a.user.click(screen.getByRole('button', { name: 'More actions for Ann Lee' }));
    await a.user.click(await screen.findByRole('menuitem', { name: 'History…' }));
    await screen.findByRole('heading', { name: 'Audit trail', level: 1 });
    expect(screen.getByText('History of').textContent).toBe('History of Ann Lee');
    const list = await screen.findByRole('list', { name: 'Audit trail' });
    await waitFor(() => expect(eventTexts(list)).toHaveLength(1));
    expect(eventTexts(list)[0]).toContain('Person · Ann Lee');
    await a.user.click(screen.getByRole('button', { name: 'Show every record, not only Ann Lee' }));
    await waitFor(() =>
      expect(
        eventTexts(screen.getByRole('list', { name: 'Audit trail' })).some((t) => t?.includes('Bob Ray')),
      ).toBe(true),
    );
  });

  it('asks before keeping the trail for a shorter time, and exports what the filters show', async () => {
    const a = await start();
    await openAudit(a);
    const keep = await screen.findByRole('combobox', { name: 'Keep the audit trail for' });
    await waitFor(() => expect((keep as HTMLSelectElement).value).toBe('6y'));
    await a.user.selectOptions(keep, '3m');
    const dialog = await screen.findByRole('dialog', { name: 'Keep the audit trail for 3 months?' });
    expect(a.h.count('audit.updateSettings')).toBe(0);
    await a.user.click(within(dialog).getByRole('button', { name: 'Remove older events' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(a.h.count('audit.updateSettings')).toBe(1);
    expect((await book.client.call('audit.settings', {})).keepFor).toBe('3m');
    // A longer time needs no question.
    await a.user.selectOptions(screen.getByRole('combobox', { name: 'Keep the audit trail for' }), 'forever');
    await waitFor(() => expect(a.h.count('audit.updateSettings')).toBe(2));

    await a.user.click(screen.getByRole('button', { name: 'Export CSV…' }));
    await screen.findByText(
      /^Saved \d+ lines of the audit trail to audit-trail-2026-11-22\.csv\.$/u,
      undefined,
      {
        timeout: 20_000,
      },
    );
    expect(a.h.count('audit.export')).toBe(1);
  });

  it('says so when the trail cannot be read, and tries again', async () => {
    const a = await start();
    a.h.failNext('audit.list');
    await a.user.click(
      within(screen.getByRole('navigation', { name: 'Sidebar' })).getByRole('button', {
        name: 'Audit trail',
      }),
    );
    await screen.findByText('The audit trail could not be loaded');
    await a.user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('list', { name: 'Audit trail' });
  });
});

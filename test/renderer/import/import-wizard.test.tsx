/**
 * The import wizard on a real book, as the desktop app runs it (the Open dialog is a stand-in that
 * answers with a file written by the test): the guessed mapping and fixing it, a field moving from
 * one column to another, a mapping that cannot import anyone, the check's counts and problems
 * (with "and N more"), the import, its undo, and the mapping remembered for the next file; and a
 * vCard file, which skips the columns and is checked and imported the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StrictMode } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/app/App.tsx';
import { createQueryCache } from '../../../renderer/stores/query.store.ts';
import { createUiStore } from '../../../renderer/stores/ui.store.tsx';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';
import { harness, type Harness } from '../transports.ts';

interface Rendered {
  book: TestBook;
  h: Harness;
  user: ReturnType<typeof userEvent.setup>;
  /** Writes a file the Open dialog will answer with next. */
  offer(name: string, content: string | Buffer): void;
  stop(): Promise<void>;
}

let app: Rendered | null = null;

beforeEach(() => {
  // The desktop app: its preload bridge is there, so files are chosen with the Open dialog.
  (window as unknown as { crm?: unknown }).crm = {};
});

afterEach(async () => {
  await app?.stop();
  app = null;
  delete (window as unknown as { crm?: unknown }).crm;
});

async function renderImport(): Promise<Rendered> {
  let next: string | null = null;
  const book = await openTestBook({
    prewarmJobs: true,
    dialogs: { open: () => Promise.resolve(next), save: () => Promise.resolve(null) },
  });
  await setUp(book.client);
  const h = harness(book);
  const cache = createQueryCache(h.client);
  const stopCache = cache.start(window);
  const ui = createUiStore({ initialRoute: 'transfer' });
  render(
    <StrictMode>
      <App cache={cache} ui={ui} now={() => book.clock()} />
    </StrictMode>,
  );
  return {
    book,
    h,
    user: userEvent.setup(),
    offer(name, content) {
      next = path.join(book.dir, name);
      fs.writeFileSync(next, content);
    },
    async stop() {
      stopCache();
      await book.close();
    },
  };
}

/** Outlook-ish headers, a full name, "Family, Given", a line break in a note, a blank row, a bad email. */
const MESSY = [
  'Full Name,E-mail Address,Mobile Phone,Company,Background,City',
  'Ann Lee,ann@acme.test,07700 900123,Acme Ltd,"Met at the fair,\nlikes oak",Leeds',
  '"Lee, Bob",bob@acme.test,,acme ltd,,York',
  ',,,,,',
  'Cy Young,not-an-email,,,,',
  'Dee Fox,dee@fox.test,,Fox & Co,,',
].join('\r\n');

const wizard = () => screen.getByRole('region', { name: 'Import people' });
const fieldOf = (header: string) =>
  within(wizard()).getByRole<HTMLSelectElement>('combobox', { name: `Import “${header}” as` });

async function chooseFile(a: Rendered, name: string, text: string) {
  a.offer(name, text);
  await a.user.click(await screen.findByRole('button', { name: 'Choose a file…' }, { timeout: 15_000 }));
  await within(await screen.findByRole('region', { name: 'Import people' })).findByRole('heading', {
    name: 'How the file reads',
  });
}

describe('the import wizard', () => {
  it('guesses the mapping, lets a column be fixed, and refuses a mapping that imports nobody', async () => {
    app = await renderImport();
    const a = app;
    // The first screen of a file loads the Import & export code: give it time on a busy machine.
    await screen.findByText('No imports yet', {}, { timeout: 15_000 });
    await chooseFile(a, 'contacts.csv', MESSY);
    const w = wizard();
    // The step's heading has the focus, and the stepper says where we are.
    expect(document.activeElement).toBe(within(w).getByRole('heading', { name: 'How the file reads' }));
    expect(within(w).getByRole('listitem', { current: 'step' }).textContent).toMatch(/File/u);
    expect(within(w).getByRole<HTMLSelectElement>('combobox', { name: 'Encoding' }).value).toBe('utf-8');
    expect(within(w).getByRole<HTMLSelectElement>('combobox', { name: 'Columns split by' }).value).toBe(',');
    within(w).getByRole('cell', { name: 'Lee, Bob' });

    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'What each column holds' });
    expect(
      ['Full Name', 'E-mail Address', 'Mobile Phone', 'Company', 'Background', 'City'].map(
        (h) => fieldOf(h).value,
      ),
    ).toEqual(['fullName', 'email', 'mobile', 'company', '', 'city']);
    // First values of each column, blanks left out.
    const row = within(w).getByRole('row', { name: /^Full Name/u });
    expect(row.textContent).toContain('Ann Lee');
    expect(row.textContent).toContain('Lee, Bob');
    expect(within(w).queryByRole('note')).toBeNull(); // nothing remembered yet

    // Fix the column it could not place.
    await a.user.selectOptions(fieldOf('Background'), 'notes');
    expect(fieldOf('Background').value).toBe('notes');

    // A field fills from one column: giving City's field to Background moves it, and says so.
    await a.user.selectOptions(fieldOf('Background'), 'city');
    expect(fieldOf('City').value).toBe('');
    expect(within(w).getByRole('status').textContent).toBe(
      'Not imported now: Town or city comes from “Background”.',
    );
    await a.user.selectOptions(fieldOf('City'), 'city');
    await a.user.selectOptions(fieldOf('Background'), 'notes');

    // Nothing mapped: an error, and Next stays here.
    for (const h of ['Full Name', 'E-mail Address', 'Mobile Phone', 'Company', 'Background', 'City']) {
      await a.user.selectOptions(fieldOf(h), '');
    }
    expect(within(w).getByRole('alert').textContent).toMatch(/Choose a field for at least one column/u);
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    expect(within(w).getByRole('heading', { name: 'What each column holds' })).toBeTruthy();

    // An email but no name: only updates are possible, which is said, and allowed.
    await a.user.selectOptions(fieldOf('E-mail Address'), 'email');
    expect(within(w).queryByRole('alert')).toBeNull();
    expect(within(w).getByRole('note').textContent).toMatch(/can only update people already in the book/u);
    // ...but "add every row as new" then has nothing to add people with.
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'People already in the book' });
    expect(within(w).getByRole<HTMLInputElement>('radio', { name: /Same email address/u }).checked).toBe(
      true,
    );
    expect(within(w).getByRole<HTMLInputElement>('radio', { name: /Same phone number/u }).disabled).toBe(
      true,
    );
    await a.user.click(within(w).getByRole('radio', { name: /Do not match/u }));
    expect(within(w).getByRole('alert').textContent).toMatch(/No column gives a name/u);
    expect(within(w).getByRole<HTMLButtonElement>('button', { name: 'Check the file' }).disabled).toBe(true);

    // Esc closes the wizard, releases the file, and puts the focus back on "Choose a file…".
    await a.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Import people' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose a file…' }));
    await waitFor(() => expect(a.h.count('files.release')).toBe(1));
    expect(a.h.count('import.preview')).toBe(0);
  }, 30_000);

  it('checks the file, imports it, undoes it, and remembers the mapping', async () => {
    app = await renderImport();
    const a = app;
    await chooseFile(a, 'contacts.csv', MESSY);
    const w = wizard();
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.selectOptions(fieldOf('Background'), 'notes');
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'People already in the book' });
    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));

    const result = await within(w).findByRole('heading', { name: 'What the import will do' });
    await waitFor(() => expect(document.activeElement).toBe(result));
    const tiles = within(w).getByRole('list', { name: 'What the import will do' });
    expect(
      within(tiles)
        .getAllByRole('listitem')
        .map((t) => t.textContent),
    ).toEqual(['3new', '0updated', '0unchanged', '1skipped', '1with errors']);
    expect(within(w).getByText(/5 rows read from contacts\.csv; 2 companies will be added/u)).toBeTruthy();
    const problems = within(w).getByRole('table', { name: 'Rows that will be left out' });
    const [, first] = within(problems).getAllByRole('row');
    // Ann's note holds a line break, so Cy is on line 6.
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['6', 'E-mail Address', 'not-an-email', expect.stringMatching(/email address/u)]);
    // The first rows as they will be imported: names split, the note on one line.
    const preview = within(w).getByRole('table', { name: /as they will be imported/u });
    const heads = within(preview)
      .getAllByRole('columnheader')
      .map((c) => c.textContent);
    expect(heads).toEqual([
      'Left out',
      'Given name',
      'Family name',
      'Company',
      'Email',
      'Mobile',
      'Town or city',
      'Note',
    ]);
    const bob = within(preview).getAllByRole('row')[2]!;
    expect(
      within(bob)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', 'Bob', 'Lee', 'acme ltd', 'bob@acme.test', '—', 'York', '—']);
    expect(within(preview).getByText('Met at the fair, ↵ likes oak')).toBeTruthy();
    // Cy's row is the one the check leaves out, and says why.
    const cy = within(preview).getAllByRole('row')[3]!;
    expect(within(cy).getAllByRole('cell')[0]!.textContent).toMatch(/^Left out: .*email address/u);
    // The check changed nothing.
    expect((await a.book.client.call('people.count', {})).count).toBe(0);

    // Changing the matching makes the check stale.
    await a.user.click(within(w).getByRole('checkbox', { name: /Blank cells clear the field/u }));
    expect(within(w).queryByRole('heading', { name: 'What the import will do' })).toBeNull();
    expect(within(w).getByText(/Check the file again/u)).toBeTruthy();
    // Back as it was checked: the answer stands again, without checking twice.
    await a.user.click(within(w).getByRole('checkbox', { name: /Blank cells clear the field/u }));
    await within(w).findByRole('heading', { name: 'What the import will do' });
    expect(a.h.count('import.preview')).toBe(1);

    await a.user.click(within(w).getByRole('button', { name: 'Import 3 people' }));
    await within(w).findByRole('heading', { name: 'Imported contacts.csv' });
    expect((await a.book.client.call('people.count', {})).count).toBe(3);
    expect(
      within(within(w).getByRole('list', { name: 'What the import did' }))
        .getAllByRole('listitem')
        .map((t) => t.textContent),
    ).toEqual(['3added', '0updated', '0unchanged', '1skipped', '1with errors']);

    // Undo, after saying what it will do.
    await a.user.click(within(w).getByRole('button', { name: 'Undo import' }));
    const confirm = screen.getByRole('dialog', { name: 'Undo the import of contacts.csv?' });
    expect(confirm.textContent).toContain('The 3 people it added are removed');
    expect(confirm.textContent).toContain('moved to the Trash instead');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    await a.user.click(within(confirm).getByRole('button', { name: 'Undo import' }));
    await within(w).findByRole('heading', { name: 'The import was undone' });
    expect((await a.book.client.call('people.count', {})).count).toBe(0);
    await a.user.click(within(w).getByRole('button', { name: 'Done' }));

    // Listed as undone; the next file with these columns starts from the mapping chosen here.
    const past = await screen.findByRole('list', { name: 'Past imports' });
    await within(past).findByText(/^Undone/u);
    expect(within(past).getByRole('listitem').textContent).toContain('3 added · 1 skipped · 1 with errors');
    await chooseFile(a, 'again.csv', MESSY);
    await a.user.click(within(wizard()).getByRole('button', { name: 'Next' }));
    expect(within(wizard()).getByRole('note').textContent).toMatch(/choices you made the last time/u);
    expect(fieldOf('Background').value).toBe('notes');
    await a.user.click(within(wizard()).getByRole('button', { name: 'Start from the suggestions instead' }));
    expect(fieldOf('Background').value).toBe('');
  }, 30_000);

  it('imports a vCard file: no columns or reading to set, the same check, import and undo', async () => {
    app = await renderImport();
    const a = app;
    a.offer('google.vcf', fs.readFileSync(path.join('test', 'fixtures', 'vcard', 'google-contacts-3.0.vcf')));
    await a.user.click(await screen.findByRole('button', { name: 'Choose a file…' }, { timeout: 15_000 }));
    const w = await screen.findByRole('region', { name: 'Import people' });
    await within(w).findByRole('heading', { name: 'How the file reads' });
    // Three steps: a vCard has no columns to choose.
    const steps = within(w).getByRole('list', { name: 'Steps' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((s) => s.textContent),
    ).toEqual(['1File (this step)', '2Matching', '3Import']);
    expect(within(w).getByText(/vCard file — each card becomes a person/u)).toBeTruthy();
    expect(within(w).queryByRole('combobox')).toBeNull();
    const gives = within(w).getByRole('table', { name: 'What each card gives' });
    expect(within(gives).getByRole('row', { name: /Photo/u }).textContent).toContain('Not kept');
    // A vCard is not inspected as a CSV file would be.
    expect(a.h.count('import.inspect')).toBe(0);

    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'People already in the book' });
    expect(within(w).getByRole<HTMLInputElement>('radio', { name: /Same email address/u }).checked).toBe(
      true,
    );
    for (const name of [/Same phone number/u, /Same ID from the other system/u, /Do not match/u]) {
      expect(within(w).getByRole<HTMLInputElement>('radio', { name }).disabled).toBe(false);
    }
    expect(
      within(w)
        .getByRole('radio', { name: /Same ID/u })
        .getAttribute('aria-describedby'),
    ).toBeTruthy();
    expect(within(w).getByText(/The card’s unique ID \(UID\)/u)).toBeTruthy();
    expect(within(w).queryByRole('checkbox', { name: /Blank cells/u })).toBeNull();

    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));
    await within(w).findByRole('heading', { name: 'What the import will do' });
    expect(
      within(within(w).getByRole('list', { name: 'What the import will do' }))
        .getAllByRole('listitem')
        .map((t) => t.textContent),
    ).toEqual(['2new', '0updated', '0unchanged', '0skipped', '1with errors']);
    expect(within(w).getByText(/3 cards read from google\.vcf; 1 company will be added/u)).toBeTruthy();
    const problems = within(w).getByRole('table', { name: 'Cards that will be left out' });
    const [head, first] = within(problems).getAllByRole('row');
    // The card's line and why; the property at fault in plain words, and no empty Value column.
    expect(
      within(head!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Line', 'Field', 'Reason']);
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['27', 'Name', expect.stringMatching(/no name/iu)]);
    // No rows of the file to show before the import: the check's counts say it all.
    expect(within(w).queryByRole('table', { name: /as they will be imported/u })).toBeNull();
    expect((await a.book.client.call('people.count', {})).count).toBe(0);

    await a.user.click(within(w).getByRole('button', { name: 'Import 2 people' }));
    await within(w).findByRole('heading', { name: 'Imported google.vcf' });
    expect(
      within(within(w).getByRole('list', { name: 'What the import did' }))
        .getAllByRole('listitem')
        .map((t) => t.textContent),
    ).toEqual(['2added', '0updated', '0unchanged', '0skipped', '1with errors']);
    within(w).getByRole('table', { name: 'Cards left out' });
    expect((await a.book.client.call('people.count', {})).count).toBe(2);
    expect(a.h.count('import.inspect')).toBe(0);

    await a.user.click(within(w).getByRole('button', { name: 'Undo import' }));
    const confirm = screen.getByRole('dialog', { name: 'Undo the import of google.vcf?' });
    expect(confirm.textContent).toContain('The 2 people it added are removed');
    await a.user.click(within(confirm).getByRole('button', { name: 'Undo import' }));
    await within(w).findByRole('heading', { name: 'The import was undone' });
    expect((await a.book.client.call('people.count', {})).count).toBe(0);
  }, 30_000);

  it('goes back from the matching to the file for a vCard, and reads a vCard saved as .txt as one', async () => {
    app = await renderImport();
    const a = app;
    a.offer(
      'contacts.txt',
      fs.readFileSync(path.join('test', 'fixtures', 'vcard', 'apple-contacts-3.0.vcf')),
    );
    await a.user.click(await screen.findByRole('button', { name: 'Choose a file…' }, { timeout: 15_000 }));
    const w = await screen.findByRole('region', { name: 'Import people' });
    await within(w).findByText(/vCard file — each card becomes a person/u);
    await a.user.keyboard('{Control>}{Enter}{/Control}');
    await within(w).findByRole('heading', { name: 'People already in the book' });
    await a.user.click(within(w).getByRole('button', { name: 'Back' }));
    await within(w).findByRole('heading', { name: 'How the file reads' });
    await a.user.click(within(w).getByRole('button', { name: /Matching/u }));
    await within(w).findByRole('heading', { name: 'People already in the book' });
    await a.user.keyboard('{Control>}{Enter}{/Control}');
    await within(w).findByRole('heading', { name: 'What the import will do' });
    expect(within(w).getByText(/cards? read from contacts\.txt/u)).toBeTruthy();
  }, 30_000);

  it('lists only the first 500 problems, and says how many more there are', async () => {
    app = await renderImport();
    const a = app;
    const rows = Array.from({ length: 503 }, (_, i) => `Person ${i},bad-${i}`);
    await chooseFile(a, 'bad.csv', ['Name,Email', ...rows, 'Good One,good@x.test'].join('\n'));
    const w = wizard();
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.keyboard('{Control>}{Enter}{/Control}');
    await within(w).findByRole('heading', { name: 'What the import will do' });
    const problems = within(w).getByRole('table', { name: 'Rows that will be left out' });
    expect(within(problems).getAllByRole('row')).toHaveLength(501);
    expect(within(w).getByText(/and 3 more problems not listed here/u)).toBeTruthy();
    expect(within(w).getByRole('button', { name: 'Import 1 person' })).toBeTruthy();
  }, 30_000);

  it('stops a check or an import on Cancel, saying nothing was changed', async () => {
    app = await renderImport();
    const a = app;
    const rows = Array.from({ length: 40_000 }, (_, i) => `Person ${i},p${i}@big.test,City ${i % 50}`);
    await chooseFile(a, 'big.csv', ['Name,Email,City', ...rows].join('\r\n'));
    const w = wizard();
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));
    await a.user.click(await within(w).findByRole('button', { name: 'Stop checking' }));
    await within(w).findByText('The check was stopped. Nothing was changed.');

    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));
    await within(w).findByRole('heading', { name: 'What the import will do' }, { timeout: 30_000 });
    await a.user.click(within(w).getByRole('button', { name: 'Import 40,000 people' }));
    await within(w).findByRole('heading', { name: 'Importing big.csv' });
    await a.user.click(await within(w).findByRole('button', { name: 'Cancel import' }));
    await within(w).findByRole('heading', { name: 'The import was cancelled' }, { timeout: 30_000 });
    expect(within(w).getByText(/Nothing was changed/u)).toBeTruthy();
    expect((await a.book.client.call('people.count', {})).count).toBe(0);
    expect(await a.book.client.call('import.list', {})).toEqual([]);
    // Back to the matching, where the check still stands.
    await a.user.click(within(w).getByRole('button', { name: 'Back to matching' }));
    await within(w).findByRole('heading', { name: 'What the import will do' });
  }, 90_000);

  it('offers Windows-1252 when the file stops being UTF-8 part way', async () => {
    app = await renderImport();
    const a = app;
    // UTF-8 for the first 64 KB (what is looked at to guess), then an "é" as Windows-1252 writes it.
    const good = Array.from({ length: 3000 }, (_, i) => `Person ${i},p${i}@x.test`).join('\r\n');
    a.offer(
      'mixed.csv',
      Buffer.concat([
        Buffer.from(`Name,Email\r\n${good}\r\nRen`, 'utf8'),
        Buffer.from([0xe9]),
        Buffer.from(' Roy,rene@x.test\r\n', 'utf8'),
      ]),
    );
    await a.user.click(await screen.findByRole('button', { name: 'Choose a file…' }, { timeout: 15_000 }));
    const w = await screen.findByRole('region', { name: 'Import people' });
    expect(within(w).getByRole<HTMLSelectElement>('combobox', { name: 'Encoding' }).value).toBe('utf-8');
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));
    const alert = await within(w).findByRole('alert');
    expect(alert.textContent).toMatch(/Line 3002 holds bytes that are not UTF-8/u);
    await a.user.click(within(w).getByRole('button', { name: 'Read it as Windows-1252' }));
    await within(w).findByRole('heading', { name: 'How the file reads' });
    await waitFor(() =>
      expect(within(w).getByRole<HTMLSelectElement>('combobox', { name: 'Encoding' }).value).toBe(
        'windows-1252',
      ),
    );
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));
    await within(w).findByRole('heading', { name: 'What the import will do' });
    expect(within(w).getByRole('button', { name: 'Import 3,001 people' })).toBeTruthy();
  }, 30_000);
});

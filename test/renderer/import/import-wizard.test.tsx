/**
 * The import wizard on a real book, as the desktop app runs it (the Open dialog is a stand-in that
 * answers with a file written by the test): the guessed mapping and fixing it, a field moving from
 * one column to another, a mapping that cannot import anyone, the check's counts and problems
 * (with "and N more"), the import, its undo, and the mapping remembered for the next file; and a
 * vCard file, which skips the columns, can leave its photos out, and is checked and imported the
 * same way.
 *
 * Files of products and calls go through what the file holds, their own columns, their own match
 * rules and the check, with the backend's inspect, check, import and past imports answered by the
 * test (mocked), so the wizard is checked against the contract alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StrictMode } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { App } from '../../../renderer/app/App.tsx';
import { createQueryCache } from '../../../renderer/stores/query.store.ts';
import { createUiStore } from '../../../renderer/stores/ui.store.tsx';
import { createClient } from '../../../shared/api/client.ts';
import type { Client, Transport } from '../../../shared/api/transport.ts';
import { guessFields, guessKind, type ImportKind } from '../../../shared/domain/import-kinds.ts';
import { headerKey } from '../../../shared/domain/import-mapping.ts';
import type {
  CsvImportPlan,
  FileRef,
  ImportInspection,
  ImportRecord,
  ImportSummary,
} from '../../../shared/domain/transfer.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

/** The real book's transport, counting requests, keeping what was sent, and answering some itself. */
interface Spy {
  client: Client;
  /** How many times each request name was sent. */
  count(name: string): number;
  /** The inputs sent with this request name, in order. */
  sent(name: string): unknown[];
  /** Answers this request name here from now on (a thrown error fails it). */
  answer(name: string, reply: (input: unknown) => unknown): void;
}

function spy(book: TestBook): Spy {
  const inner: Transport = inProcessTransport(book.backend, book.hub);
  const inputs = new Map<string, unknown[]>();
  const replies = new Map<string, (input: unknown) => unknown>();
  const transport: Transport = {
    async invoke(name, input) {
      inputs.set(name, [...(inputs.get(name) ?? []), structuredClone(input)]);
      const reply = replies.get(name);
      if (!reply) return inner.invoke(name, input);
      // A moment's wait, as a real answer takes one.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { ok: true, value: structuredClone(reply(input)) };
    },
    on: (event, listener) => inner.on(event, listener),
  };
  return {
    client: createClient(transport),
    count: (name) => inputs.get(name)?.length ?? 0,
    sent: (name) => inputs.get(name) ?? [],
    answer: (name, reply) => void replies.set(name, reply),
  };
}

interface Rendered {
  book: TestBook;
  h: Spy;
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

/** The Import & export screen on a new book; `mock` answers some requests before it renders. */
async function renderImport(mock?: (h: Spy, offered: () => string) => void): Promise<Rendered> {
  let next: string | null = null;
  const book = await openTestBook({
    prewarmJobs: true,
    dialogs: { open: () => Promise.resolve(next), save: () => Promise.resolve(null) },
  });
  await setUp(book.client);
  const h = spy(book);
  mock?.(h, () => path.basename(next ?? ''));
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
/** The wizard, whatever the file holds (its title says: "Import products"). */
const anyWizard = () =>
  screen.getByRole('region', { name: /^Import (people|companies|calls|products|orders)$/u });
const fieldOf = (header: string) =>
  within(wizard()).getByRole<HTMLSelectElement>('combobox', { name: `Import “${header}” as` });

async function chooseFile(a: Rendered, name: string, text: string) {
  a.offer(name, text);
  await a.user.click(await screen.findByRole('button', { name: 'Choose a file…' }, { timeout: 15_000 }));
  await within(await screen.findByRole('region', { name: 'Import people' })).findByRole('heading', {
    name: 'How the file reads',
  });
}

/** The file's rows as the mocked inspect gives them: as guessed, or for the kind asked. */
function inspection(
  file: FileRef,
  headers: string[],
  sample: string[][],
  kind?: ImportKind,
): ImportInspection {
  const k = kind ?? guessKind(headers);
  return {
    file,
    encoding: 'utf-8',
    bom: false,
    delimiter: ',',
    headers,
    headerKey: headerKey(headers),
    sample,
    kind: k,
    mapping: guessFields(k, headers),
    remembered: false,
  };
}

/**
 * The backend of a file of another kind, mocked: inspect (as guessed, or for the kind asked), the
 * check and the import (with these counts), and a past import of orders. The file itself is chosen
 * and released by the real book.
 */
function mockKinds(headers: string[], sample: string[][], counts: Partial<ImportSummary>) {
  return (h: Spy, offered: () => string) => {
    h.answer('import.inspect', (input) => {
      const { fileId, kind } = input as { fileId: string; kind?: ImportKind };
      return inspection({ fileId, name: offered(), bytes: 120 }, headers, sample, kind);
    });
    const summary = (plan: CsvImportPlan, dryRun: boolean): ImportSummary => ({
      kind: plan.kind ?? 'people',
      fileName: offered(),
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      companiesCreated: 0,
      categoriesCreated: 0,
      problems: [],
      problemCount: 0,
      batchId: dryRun ? null : 'batch-mocked',
      dryRun,
      ...counts,
    });
    h.answer('import.preview', (plan) => summary(plan as CsvImportPlan, true));
    h.answer('import.run', (plan) => summary(plan as CsvImportPlan, false));
    const orders: ImportRecord = {
      batchId: 'batch-orders',
      fileName: 'orders.csv',
      kind: 'orders',
      at: Date.UTC(2026, 10, 20, 9, 0, 0),
      byName: 'Ada Lovelace',
      undoneAt: null,
      rows: 40,
      created: 12,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      companiesCreated: 2,
      categoriesCreated: 0,
    };
    h.answer('import.list', () => [orders]);
  };
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
    // What it holds is guessed from the columns, and said to be.
    const holds = within(w).getByRole('group', { name: 'What does the file hold?' });
    expect(within(holds).getByRole<HTMLInputElement>('radio', { name: /^People/u }).checked).toBe(true);
    expect(holds.textContent).toMatch(/Guessed from the column names/u);

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
    expect(a.h.sent('import.preview')[0]).toMatchObject({
      kind: 'people',
      match: 'email',
      blankOverwrites: false,
    });
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
    // Photos are kept unless told not to; what the table says follows the choice.
    const photos = within(w).getByRole<HTMLInputElement>('checkbox', { name: /Keep the cards’ photos/u });
    expect(photos.checked).toBe(true);
    expect(within(gives).getByRole('row', { name: /Photo/u }).textContent).toContain('The person’s photo');
    await a.user.click(photos);
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
    expect(a.h.sent('import.preview')).toEqual([
      {
        format: 'vcard',
        fileId: expect.any(String),
        bytes: expect.any(Number),
        match: 'email',
        keepPhotos: false,
      },
    ]);
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
  it('imports products: the kind chosen, its columns, its matching, the check and the import (mocked)', async () => {
    const headers = ['Product', 'Code', 'Price', 'VAT', 'Category', 'Unit'];
    const sample = [
      ['Oak table', 'TAB-01', '450.00', '20', 'Furniture', 'each'],
      ['Fitting', 'SRV-FIT', '35', '20', 'Services', 'hour'],
      ['Chair', 'CH-02', '89.5', '20', 'Furniture', 'each'],
    ];
    app = await renderImport(
      mockKinds(headers, sample, { rows: 3, created: 2, updated: 1, categoriesCreated: 2 }),
    );
    const a = app;
    await screen.findByText(/orders\.csv/u, {}, { timeout: 15_000 });
    // A past import says what it held.
    const past = screen.getByRole('list', { name: 'Past imports' });
    const before = within(past).getByRole('listitem');
    expect(before.textContent).toContain('Orders');
    expect(before.textContent).toContain('12 added · 2 companies added');
    expect(before.getAttribute('aria-label')).toMatch(/^orders\.csv, Orders, 12 added/u);

    a.offer('prices.csv', [headers, ...sample].map((r) => r.join(',')).join('\r\n'));
    await a.user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    let w = await screen.findByRole('region', { name: 'Import people' });
    await within(w).findByRole('heading', { name: 'How the file reads' });
    // "Price" alone does not say products: the guess is people, and no column would fill a person.
    const holds = within(w).getByRole('group', { name: 'What does the file hold?' });
    expect(
      within(holds)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['people', 'companies', 'calls', 'products', 'orders']);
    expect(within(holds).getByRole<HTMLInputElement>('radio', { name: /^People/u }).checked).toBe(true);
    expect(a.h.sent('import.inspect')).toEqual([{ fileId: expect.any(String) }]);

    // Products: the file is read again for them, and their guessed columns come back.
    await a.user.click(within(holds).getByRole('radio', { name: /^Products and services/u }));
    w = await screen.findByRole('region', { name: 'Import products' });
    expect(
      within(holds).getByRole<HTMLInputElement>('radio', { name: /^Products and services/u }).checked,
    ).toBe(true);
    expect(a.h.sent('import.inspect')[1]).toEqual({ fileId: expect.any(String), kind: 'products' });
    await within(holds).findByText(/The columns start from the suggestions for products/u);

    await a.user.keyboard('{Control>}{Enter}{/Control}');
    await within(w).findByRole('heading', { name: 'What each column holds' });
    const field = (header: string) =>
      within(w).getByRole<HTMLSelectElement>('combobox', { name: `Import “${header}” as` });
    expect(headers.map((h) => field(h).value)).toEqual([
      'name',
      'sku',
      'unitPrice',
      'taxRate',
      'category',
      'unit',
    ]);
    // The choices are a product's, in its groups.
    expect(
      [...field('Product').querySelectorAll('optgroup')].map((g) => [
        g.label,
        [...g.querySelectorAll('option')].map((o) => o.value),
      ]),
    ).toEqual([
      ['Product', ['name', 'sku', 'kind', 'category', 'description', 'active']],
      ['Price', ['unit', 'unitPrice', 'unitCost', 'taxRate', 'currency']],
    ]);
    expect(within(field('Code')).getByRole('option', { name: 'SKU or product code' })).toBeTruthy();
    // Neither a name nor a SKU: nothing says which product a row is.
    await a.user.selectOptions(field('Product'), '');
    await a.user.selectOptions(field('Code'), '');
    expect(within(w).getByRole('alert').textContent).toMatch(
      /Choose the column that holds the product name/u,
    );
    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    expect(within(w).getByRole('heading', { name: 'What each column holds' })).toBeTruthy();
    // A SKU alone only updates products already in the book.
    await a.user.selectOptions(field('Code'), 'sku');
    expect(within(w).getByRole('note').textContent).toMatch(/can only update products already in the book/u);
    await a.user.selectOptions(field('Product'), 'name');
    expect(within(w).queryByRole('note')).toBeNull();

    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'Products already in the book' });
    const rules = within(w).getByRole('group', { name: 'How rows find the products they update' });
    expect(
      within(rules)
        .getAllByRole('radio')
        .map((r) => [r.getAttribute('value'), (r as HTMLInputElement).checked]),
    ).toEqual([
      ['sku', true],
      ['name', false],
      ['none', false],
    ]);
    within(rules).getByRole('radio', { name: /Same SKU or product code/u });
    within(rules).getByRole('radio', { name: /Same product name/u });
    await a.user.click(within(w).getByRole('checkbox', { name: /Blank cells clear the field/u }));

    await a.user.click(within(w).getByRole('button', { name: 'Check the file' }));
    await within(w).findByRole('heading', { name: 'What the import will do' });
    const plan = a.h.sent('import.preview')[0] as CsvImportPlan;
    expect(plan).toMatchObject({
      kind: 'products',
      match: 'sku',
      blankOverwrites: true,
      mapping: ['name', 'sku', 'unitPrice', 'taxRate', 'category', 'unit'],
    });
    expect(
      within(within(w).getByRole('list', { name: 'What the import will do' }))
        .getAllByRole('listitem')
        .map((t) => t.textContent),
    ).toEqual(['2new', '1updated', '0unchanged', '0skipped', '0with errors']);
    within(w).getByText('3 rows read from prices.csv; 2 categories will be added.');
    const preview = within(w).getByRole('table', { name: /as they will be imported/u });
    expect(
      within(preview)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Left out', 'Name', 'SKU', 'Category', 'Unit', 'Price', 'Tax']);
    expect(
      within(within(preview).getAllByRole('row')[2]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', 'Fitting', 'SRV-FIT', 'Services', 'hour', '35', '20']);

    await a.user.click(within(w).getByRole('button', { name: 'Import 3 products' }));
    await within(w).findByRole('heading', { name: 'Imported prices.csv' });
    expect(a.h.sent('import.run')).toEqual([plan]);
    within(w).getByText('3 rows read from prices.csv; 2 categories were added.');
    expect(within(w).getByRole('button', { name: 'Open Products' })).toBeTruthy();
    await a.user.click(within(w).getByRole('button', { name: 'Undo import' }));
    const confirm = screen.getByRole('dialog', { name: 'Undo the import of prices.csv?' });
    expect(confirm.textContent).toContain(
      'The 2 products it added are removed, with the 2 categories it added for them, and the 1 product it changed is put back as it was.',
    );
    await a.user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await a.user.click(within(w).getByRole('button', { name: 'Open Products' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Import products' })).toBeNull());
    await screen.findByRole('heading', { name: 'Products', level: 1 });
  }, 30_000);

  it('imports calls: guessed from the columns, matched to the person, never blank cells (mocked)', async () => {
    const headers = ['Date', 'Duration', 'Contact', 'Phone', 'Outcome', 'Notes'];
    const sample = [
      ['2026-11-02 10:15', '4:30', 'Ann Lee', '07700 900123', 'Call back', 'Wants a quote'],
      ['2026-11-03 09:00', '12:05', 'Bob Lee', '07700 900456', 'Sold', ''],
    ];
    app = await renderImport(mockKinds(headers, sample, { rows: 2, created: 1, unchanged: 1 }));
    const a = app;
    a.offer('calls.csv', [headers, ...sample].map((r) => r.join(',')).join('\n'));
    await a.user.click(await screen.findByRole('button', { name: 'Choose a file…' }, { timeout: 15_000 }));
    const w = await screen.findByRole('region', { name: 'Import calls' });
    const holds = within(w).getByRole('group', { name: 'What does the file hold?' });
    expect(within(holds).getByRole<HTMLInputElement>('radio', { name: /^Calls/u }).checked).toBe(true);

    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'What each column holds' });
    expect(anyWizard()).toBe(w);
    const date = within(w).getByRole<HTMLSelectElement>('combobox', { name: 'Import “Date” as' });
    expect(date.value).toBe('startedAt');
    await a.user.selectOptions(date, '');
    expect(within(w).getByRole('alert').textContent).toMatch(/the date of the call/u);
    await a.user.selectOptions(date, 'startedAt');

    await a.user.click(within(w).getByRole('button', { name: 'Next' }));
    await within(w).findByRole('heading', { name: 'Who each call was with' });
    const rules = within(w).getByRole('group', { name: 'How each call finds the person it was with' });
    // No email column: the phone is the first rule open; calls are never "added as new people".
    expect(
      within(rules)
        .getAllByRole('radio')
        .map((r) => [
          r.getAttribute('value'),
          (r as HTMLInputElement).checked,
          (r as HTMLInputElement).disabled,
        ]),
    ).toEqual([
      ['email', false, true],
      ['phone', true, false],
      ['externalId', false, true],
      ['name', false, false],
    ]);
    expect(within(w).queryByRole('checkbox')).toBeNull();
    await a.user.click(
      within(rules).getByRole('radio', { name: /The person \(or company\) with that name/u }),
    );
    await a.user.keyboard('{Control>}{Enter}{/Control}');
    await within(w).findByRole('heading', { name: 'What the import will do' });
    expect(a.h.sent('import.preview')[0]).toMatchObject({
      kind: 'calls',
      match: 'name',
      blankOverwrites: false,
    });
    within(w).getByText('2 rows read from calls.csv.');
    expect(within(w).getByRole('button', { name: 'Import 1 call' })).toBeTruthy();
  }, 30_000);
});

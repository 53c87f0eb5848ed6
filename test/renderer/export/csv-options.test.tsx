/** The CSV options card: each change is saved at once as the whole csv setting; Reset forgets it. */
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvOptionsCard } from '../../../renderer/features/export/CsvOptionsCard.tsx';
import { useQuery } from '../../../renderer/stores/query.hooks.tsx';
import { renderExport, type RenderedExport } from './export.helpers.tsx';

let app: RenderedExport | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The card as the Export panel shows it: with the book's settings, kept current. */
function Card() {
  const settings = useQuery('settings.get', {}).data;
  return settings ? <CsvOptionsCard settings={settings} /> : null;
}

const checked = (name: string | RegExp) => (screen.getByRole('radio', { name }) as HTMLInputElement).checked;

describe('CSV options', () => {
  it('starts from the defaults of the book’s locale', async () => {
    app = await renderExport(<Card />);
    await screen.findByRole('radiogroup', { name: 'Separator' });
    expect(checked('Comma')).toBe(true);
    expect(checked('Point (1234.50)')).toBe(true);
    // The book's fixed clock says Sunday 22 November 2026; en-GB writes it day first.
    expect(checked('ISO (2026-11-22)')).toBe(true);
    expect(screen.getByRole('radio', { name: 'Local (22/11/2026)' })).toBeTruthy();
    expect(checked('UTF-8 (recommended)')).toBe(true);
    expect(
      (screen.getByRole('switch', { name: 'Protect against formulas' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: /Reset to the defaults/u })).toBeNull();
    expect(screen.getByText(/The defaults for English \(United Kingdom\)/u)).toBeTruthy();
    expect(app.inputsOf('settings.update')).toEqual([]);
  });

  it('saves each change at once as the whole csv setting, and resets to the locale’s defaults', async () => {
    app = await renderExport(<Card />);
    const a = app;
    await a.user.click(await screen.findByRole('radio', { name: 'Semicolon' }));
    const semicolons = {
      delimiter: ';',
      decimal: '.',
      dates: 'iso',
      encoding: 'utf-8-bom',
      protectFormulas: true,
    };
    await waitFor(() => expect(a.inputsOf('settings.update')).toEqual([{ csv: semicolons }]));
    await screen.findByText('Saved');
    expect((await a.book.client.call('settings.get', {})).csv).toEqual(semicolons);
    await waitFor(() => expect(checked('Semicolon')).toBe(true));

    // The next change keeps the first: the setting is always sent whole.
    await a.user.click(screen.getByRole('radio', { name: 'Comma (1234,50)' }));
    await waitFor(() => expect(checked('Comma (1234,50)')).toBe(true));
    await a.user.click(screen.getByRole('switch', { name: 'Protect against formulas' }));
    await waitFor(() =>
      expect(a.inputsOf('settings.update').at(-1)).toEqual({
        csv: { ...semicolons, decimal: ',', protectFormulas: false },
      }),
    );
    await a.user.click(screen.getByRole('radio', { name: 'Windows-1252' }));
    await screen.findByText(/letters it lacks \(such as Ł or 中\) are written as “\?”/u);
    await a.user.click(screen.getByRole('radio', { name: 'Local (22/11/2026)' }));
    await waitFor(async () =>
      expect((await a.book.client.call('settings.get', {})).csv).toEqual({
        delimiter: ';',
        decimal: ',',
        dates: 'locale',
        encoding: 'windows-1252',
        protectFormulas: false,
      }),
    );
    expect(a.inputsOf('settings.update')).toHaveLength(5);

    await a.user.click(
      screen.getByRole('button', { name: 'Reset to the defaults for English (United Kingdom)' }),
    );
    await waitFor(() => expect(a.inputsOf('settings.update').at(-1)).toEqual({ csv: null }));
    await waitFor(() => expect(checked('Comma')).toBe(true));
    expect(checked('Point (1234.50)')).toBe(true);
    expect(checked('UTF-8 (recommended)')).toBe(true);
    expect((await a.book.client.call('settings.get', {})).csv).toBeNull();
    expect(screen.queryByRole('button', { name: /Reset to the defaults/u })).toBeNull();
  });

  it('offers semicolons and decimal commas where the locale writes 1,5', async () => {
    app = await renderExport(<Card />, {
      seed: (book) => book.client.call('settings.update', { locale: 'de-DE' }).then(() => undefined),
    });
    await screen.findByRole('radiogroup', { name: 'Separator' });
    expect(checked('Semicolon')).toBe(true);
    expect(checked('Comma (1234,50)')).toBe(true);
    expect(screen.getByRole('radio', { name: 'Local (22.11.2026)' })).toBeTruthy();
    expect(screen.getByText(/The defaults for Deutsch \(Deutschland\)/u)).toBeTruthy();
  });
});

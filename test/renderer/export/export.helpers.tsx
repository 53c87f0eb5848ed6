/**
 * Export tests render one piece of the export UI (the CSV options card, the list dialog) on a real
 * temp book over the in-process transport, and record every request the page sends, so a test
 * can check exactly what was asked for. A `save` stands in for the desktop's Save dialog.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StoreApi } from 'zustand';
import { createClient } from '../../../shared/api/client.ts';
import type { Transport } from '../../../shared/api/transport.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { ClockProvider } from '../../../renderer/lib/clock.tsx';
import { FormatProvider } from '../../../renderer/lib/format.context.tsx';
import { CacheProvider } from '../../../renderer/stores/query.hooks.tsx';
import { createQueryCache } from '../../../renderer/stores/query.store.ts';
import { createUiStore, UiProvider, type UiState } from '../../../renderer/stores/ui.store.tsx';
import { makeTempDir, openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

export interface Sent {
  name: string;
  input: unknown;
}

export interface RenderedExport {
  book: TestBook;
  ui: StoreApi<UiState>;
  user: ReturnType<typeof userEvent.setup>;
  /** Every request the page sent, in order. */
  sent: Sent[];
  /** The inputs of the requests of one name. */
  inputsOf(name: string): unknown[];
  /** The toasts' messages so far. */
  toasts(): string[];
  /** Where the Save dialog "saves" (a temp folder of this test). */
  saveDir: string;
  stop(): Promise<void>;
}

export async function renderExport(
  element: ReactElement,
  options: {
    seed?: (book: TestBook) => Promise<void> | void;
    /** What the stand-in Save dialog answers: a file name in saveDir, or null (cancelled). */
    save?: () => string | null | Promise<string | null>;
  } = {},
): Promise<RenderedExport> {
  const saveDir = makeTempDir('ledgerline-export-save-');
  const save = options.save ?? (() => 'export.csv');
  const book = await openTestBook({
    prewarmJobs: true,
    dialogs: {
      open: () => Promise.resolve(null),
      save: async () => {
        const name = await save();
        return name === null ? null : path.join(saveDir, name);
      },
    },
  });
  await setUp(book.client);
  await options.seed?.(book);
  const sent: Sent[] = [];
  const inner = inProcessTransport(book.backend, book.hub);
  const transport: Transport = {
    invoke(name, input) {
      sent.push({ name, input: structuredClone(input) });
      return inner.invoke(name, input);
    },
    on: (event, listener) => inner.on(event, listener),
  };
  const cache = createQueryCache(createClient(transport));
  const stopCache = cache.start(window);
  const ui = createUiStore({ initialRoute: 'transfer' });
  const settings = await book.client.call('settings.get', {});
  render(
    <CacheProvider cache={cache}>
      <UiProvider store={ui}>
        <ClockProvider now={() => book.clock()}>
          <FormatProvider locale={settings.locale} currency={settings.currency}>
            {element}
          </FormatProvider>
        </ClockProvider>
      </UiProvider>
    </CacheProvider>,
  );
  return {
    book,
    ui,
    user: userEvent.setup(),
    sent,
    inputsOf: (name) => sent.filter((s) => s.name === name).map((s) => s.input),
    toasts: () => ui.getState().toasts.map((t) => t.message),
    saveDir,
    async stop() {
      stopCache();
      await book.close();
      fs.rmSync(saveDir, { recursive: true, force: true });
    },
  };
}

/**
 * "Export…" on a list screen: every row its filters match, in its order, as CSV, with the
 * columns shown on screen, all of them, or a chosen few (the choice is remembered per list).
 * The export runs as a job: the dialog shows its progress and can cancel it, and closing the
 * dialog leaves it running with its card in the corner.
 */
import { useId, useState, type FormEvent } from 'react';
import { Download } from 'lucide-react';
import type { ListName } from '../../../shared/api/requests/list-export.schema.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner } from '../../ui/States.tsx';
import {
  keysToSend,
  readChoice,
  shownKeys,
  writeChoice,
  type ColumnChoice,
  type ColumnMode,
} from './column-choice.ts';
import { csvSummary, effectiveCsv } from './csv-options.ts';
import { ExportProgress } from './ExportProgress.tsx';
import { useExportRun } from './useExportRun.ts';
import './export.css';

/** What a list's rows are called, in the dialog and the toast. */
export const LIST_NOUNS: Record<ListName, { one: string; many: string }> = {
  people: { one: 'contact', many: 'contacts' },
  companies: { one: 'company', many: 'companies' },
  calls: { one: 'call', many: 'calls' },
  orders: { one: 'order', many: 'orders' },
  deals: { one: 'deal', many: 'deals' },
  leads: { one: 'lead', many: 'leads' },
  cases: { one: 'case', many: 'cases' },
  products: { one: 'product', many: 'products' },
};

/** A list screen's .list request input without cursor and limit: what its export is given. */
export type ListExportFilter<L extends ListName> = Omit<
  Extract<RequestInput<'export.list'>, { list: L }>,
  'list' | 'columns'
>;

export interface ExportListProps<L extends ListName> {
  list: L;
  /** The screen's filter and sort, exactly as it asks its .list request (no cursor or limit). */
  input: ListExportFilter<L>;
  /** How many rows the screen says match, when it knows. */
  count?: number | null | undefined;
  /** The screen's visible columns, where the user chooses them (export keys, in screen order). */
  shownColumns?: readonly string[] | undefined;
}

export function ExportListDialog<L extends ListName>({
  list,
  input,
  count,
  shownColumns,
  onClose,
}: ExportListProps<L> & { onClose(): void }) {
  const id = useId();
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  const columns = useQuery('export.columns', { list });
  const settings = useQuery('settings.get', {}).data;
  const [choice, setChoiceState] = useState<ColumnChoice>(() => readChoice(list));
  const run = useExportRun();
  const noun = LIST_NOUNS[list];
  const available = columns.data ?? [];
  const shown = shownKeys(available, shownColumns);
  const headerOf = new Map(available.map((c) => [c.key, c.header]));
  const keys = columns.data ? keysToSend(choice, available, shownColumns) : undefined;
  const noneChosen = choice.mode === 'chosen' && keys !== undefined && keys.length === 0;
  const hasCustom = available.some((c) => c.key.startsWith('custom.'));

  function setChoice(next: ColumnChoice) {
    setChoiceState(next);
    writeChoice(list, next);
    run.clearError();
  }

  function pick(mode: ColumnMode) {
    const known = choice.chosen.filter((k) => headerOf.has(k));
    setChoice({ mode, chosen: mode === 'chosen' && known.length === 0 ? shown : choice.chosen });
  }

  function toggle(key: string, on: boolean) {
    const chosen = on
      ? [...choice.chosen.filter((k) => k !== key), key]
      : choice.chosen.filter((k) => k !== key);
    setChoice({ mode: 'chosen', chosen });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!columns.data || noneChosen || run.running) return;
    const request = { ...input, list, ...(keys ? { columns: keys } : {}) } as RequestInput<'export.list'>;
    void run
      .start('export.list', request, (n) => `${fmt.number(n)} ${n === 1 ? noun.one : noun.many}`)
      .then((result) => {
        if (result?.saved) onClose();
      });
  }

  const what =
    count === undefined || count === null
      ? `The file holds every ${noun.one} the list shows with its filters, in the list’s order.`
      : count === 0
        ? `The list shows no ${noun.many} with its filters, so the file will hold the column headers only.`
        : `The file holds the ${fmt.number(count)} ${count === 1 ? noun.one : noun.many} the list shows with its filters, in the list’s order.`;

  const radio = (mode: ColumnMode, label: string, hint: string) => (
    <label className="export-choice">
      <input
        type="radio"
        name={`${id}-mode`}
        value={mode}
        checked={choice.mode === mode}
        onChange={() => pick(mode)}
        aria-describedby={`${id}-${mode}-hint`}
      />
      <span className="export-choice__text">
        <span className="export-choice__label">{label}</span>
        <span className="export-choice__hint" id={`${id}-${mode}-hint`}>
          {hint}
        </span>
      </span>
    </label>
  );

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="export-dialog">
      <form onSubmit={submit} noValidate className="export-dialog__form">
        <DialogHeader titleId={`${id}-title`} onClose={onClose}>
          Export {noun.many}
        </DialogHeader>
        <div className="dialog__body export-dialog__body">
          <p className="export-dialog__what">{what}</p>
          {columns.error ? (
            <FieldError message={messageOf(columns.error)} />
          ) : !columns.data ? (
            <DelayedSpinner label="Loading the columns…" />
          ) : (
            <fieldset className="export-dialog__columns">
              <legend className="export-dialog__legend">Columns</legend>
              {radio(
                'shown',
                'The columns shown on screen',
                shown.map((k) => headerOf.get(k) ?? k).join(', '),
              )}
              {radio(
                'all',
                'All columns',
                `${fmt.number(available.length)} columns${hasCustom ? ', your own fields included' : ''}, with the Ledgerline id of each ${noun.one}`,
              )}
              {radio(
                'chosen',
                'Choose columns…',
                'Tick the ones you want. The file has them in the order listed here.',
              )}
              {choice.mode === 'chosen' ? (
                <div className="export-dialog__pick">
                  <div className="export-dialog__pick-actions">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setChoice({ mode: 'chosen', chosen: available.map((c) => c.key) })}
                    >
                      Tick all
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setChoice({ mode: 'chosen', chosen: [] })}
                    >
                      Untick all
                    </button>
                  </div>
                  <div
                    className="export-dialog__checks"
                    role="group"
                    aria-label="Columns to export"
                    // Down the first column, then the second: the order the file has them in.
                    style={{ gridTemplateRows: `repeat(${Math.ceil(available.length / 2)}, auto)` }}
                  >
                    {available.map((c) => (
                      <label key={c.key} className="export-check">
                        <input
                          type="checkbox"
                          className="check"
                          checked={choice.chosen.includes(c.key)}
                          onChange={(e) => toggle(c.key, e.target.checked)}
                        />
                        <span>{c.header}</span>
                      </label>
                    ))}
                  </div>
                  {noneChosen ? <FieldError message="Tick at least one column." /> : null}
                </div>
              ) : null}
            </fieldset>
          )}
          {settings ? (
            <p className="export-dialog__options">
              Written with {csvSummary(effectiveCsv(settings))}.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onClose();
                  navigate('transfer');
                }}
              >
                Change the CSV options
              </button>
            </p>
          ) : null}
          {run.error ? <FieldError message={run.error} /> : null}
        </div>
        <div className="dialog__footer">
          {run.running ? (
            <div className="export-dialog__progress">
              <ExportProgress run={run} label={`Exporting ${noun.many}`} />
            </div>
          ) : (
            <Button onClick={onClose}>Cancel</Button>
          )}
          <Button
            type="submit"
            variant="primary"
            disabled={!columns.data || noneChosen || run.running}
            icon={<Download size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          >
            {run.running ? 'Exporting…' : 'Export'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The "Export…" button a list screen puts in its header, and the dialog it opens. */
export function ExportListButton<L extends ListName>(props: ExportListProps<L>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<Download size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        onClick={() => setOpen(true)}
        title={`Export these ${LIST_NOUNS[props.list].many} as a CSV file`}
      >
        Export…
      </Button>
      {open ? <ExportListDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

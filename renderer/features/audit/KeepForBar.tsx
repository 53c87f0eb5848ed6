/**
 * The foot of the Audit trail: how long events are kept, and the oldest one kept. A shorter time
 * is asked about first, since the older events then go for good.
 */
import { useId, useState } from 'react';
import { KEEP_FOR, KEEP_FOR_LABELS, keepCutoff, type KeepFor } from '../../../shared/domain/audit.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { ConfirmDialog, useConfirmAction } from '../../ui/ConfirmDialog.tsx';
import { Select } from '../../ui/Field.tsx';

function ShortenDialog({
  keepFor,
  onConfirm,
  onClose,
}: {
  keepFor: KeepFor;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const fmt = useFormat();
  const now = useNow(60_000);
  const { busy, error, run } = useConfirmAction();
  const cutoff = keepCutoff(keepFor, now);
  const label = KEEP_FOR_LABELS[keepFor].toLowerCase();

  return (
    <ConfirmDialog
      title={`Keep the audit trail for ${label}?`}
      text={
        <>
          Events from before {cutoff === null ? 'then' : fmt.longDate(cutoff)} are removed for good, now and
          each day from now on. The book’s records are not touched, only the history of their changes.
        </>
      }
      confirmLabel="Remove older events"
      busyLabel="Removing…"
      destructive
      busy={busy}
      error={error}
      onConfirm={() => void run(onConfirm)}
      onClose={onClose}
    />
  );
}

export function KeepForBar() {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const id = useId();
  const settings = useQuery('audit.settings', {});
  const [asking, setAsking] = useState<KeepFor | null>(null);
  const current = settings.data?.keepFor;

  async function save(keepFor: KeepFor) {
    await cache.mutate('audit.updateSettings', { keepFor });
    await settings.refetch();
    ui.getState().toast(
      keepFor === 'forever'
        ? 'The audit trail is now kept for ever.'
        : `The audit trail is now kept for ${KEEP_FOR_LABELS[keepFor].toLowerCase()}.`,
    );
  }

  function choose(keepFor: KeepFor) {
    if (!current || keepFor === current) return;
    if (KEEP_FOR.indexOf(keepFor) < KEEP_FOR.indexOf(current)) setAsking(keepFor);
    else save(keepFor).catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
  }

  return (
    <footer className="audit__foot">
      <label className="audit__keep" htmlFor={`${id}-keep`}>
        Keep the audit trail for
      </label>
      <Select
        id={`${id}-keep`}
        value={current ?? ''}
        disabled={!current}
        onChange={(e) => choose(e.target.value as KeepFor)}
      >
        {current ? null : <option value="">…</option>}
        {KEEP_FOR.map((k) => (
          <option key={k} value={k}>
            {KEEP_FOR_LABELS[k]}
          </option>
        ))}
      </Select>
      {settings.data?.oldestAt ? (
        <span className="audit__oldest">Oldest event kept: {fmt.dateTime(settings.data.oldestAt)}</span>
      ) : null}
      {asking ? (
        <ShortenDialog
          keepFor={asking}
          onClose={() => setAsking(null)}
          onConfirm={async () => {
            await save(asking);
            setAsking(null);
          }}
        />
      ) : null}
    </footer>
  );
}

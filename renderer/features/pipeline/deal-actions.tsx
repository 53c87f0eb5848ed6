/** What can be done to a deal from the board, its page or the palette: win, lose, reopen, make an order. */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { DealRow } from '../../../shared/domain/pipeline.ts';
import { formErrors, messageOf } from '../../api/errors.ts';
import { useClock } from '../../lib/clock.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { FieldError, TextField } from '../../ui/Field.tsx';
import { undoToast } from '../contacts/common.tsx';
import { isoDay } from './pipeline-words.ts';

type DealRef = Pick<DealRow, 'id' | 'title'>;

/** The key of a deal's "is won" toast, whose action offers to make the order. */
const wonKey = (deal: DealRef) => `deal-won:${deal.id}`;

export function useDealActions() {
  const cache = useCache();
  const ui = useUiStore();
  const clock = useClock();
  const fail = (err: unknown) => ui.getState().toast(messageOf(err), 'error');

  async function toOrder(deal: DealRef) {
    try {
      const made = await cache.mutate('deals.toOrder', { id: deal.id, status: 'confirmed' });
      // The "is won" toast offering to make this order has done its job.
      ui.getState().dismissKeyed(wonKey(deal));
      ui.getState().toast(`Order ${made.reference} is made from “${deal.title}”.`, 'info', {
        action: { label: 'Open order', run: () => ui.getState().navigate(`orders/${made.orderId}`) },
      });
    } catch (err) {
      fail(err);
    }
  }

  return {
    async win(deal: DealRef) {
      try {
        await cache.mutate('deals.win', { id: deal.id, closedOn: isoDay(clock()) });
        ui.getState().toast(`“${deal.title}” is won.`, 'info', {
          key: wonKey(deal),
          action: { label: 'Make an order', run: () => void toOrder(deal) },
        });
      } catch (err) {
        fail(err);
      }
    },
    async reopen(deal: DealRef) {
      try {
        const d = await cache.mutate('deals.reopen', { id: deal.id });
        ui.getState().dismissKeyed(wonKey(deal));
        ui.getState().toast(`“${deal.title}” is back on the board in ${d.stageName}.`);
      } catch (err) {
        fail(err);
      }
    },
    toOrder,
    async move(deal: DealRef, stageId: string, place: { beforeId?: string; afterId?: string } = {}) {
      try {
        return await cache.mutate('deals.move', { id: deal.id, stageId, ...place });
      } catch (err) {
        fail(err);
        return null;
      }
    },
    async remove(deal: DealRef, after?: () => void) {
      try {
        await cache.mutate('deals.delete', { id: deal.id });
        after?.();
        undoToast(ui, `“${deal.title}” is in the Trash.`, async () => {
          await cache.mutate('deals.restore', { id: deal.id });
          return `“${deal.title}” is back.`;
        });
      } catch (err) {
        fail(err);
      }
    },
  };
}

/** Lost: why, in a sentence (the reason is required). */
export function LoseDialog({ deal, onClose }: { deal: DealRef; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const clock = useClock();
  const titleId = useId();
  const reasonRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState('');
  const [closedOn, setClosedOn] = useState(() => isoDay(clock()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: 'Say why the deal was lost, so the next one goes better.' });
      reasonRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('deals.lose', { id: deal.id, reason, closedOn });
      onClose();
      ui.getState().toast(`“${deal.title}” is marked lost.`, 'info', {
        action: {
          label: 'Undo',
          run: () => {
            cache
              .mutate('deals.reopen', { id: deal.id })
              .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
          },
        },
      });
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, ['reason', 'closedOn']);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} initialFocus={reasonRef} className="lose-dialog">
      <form
        className="logcall__form"
        onSubmit={save}
        noValidate
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <DialogHeader titleId={titleId} onClose={onClose}>
          Mark “{deal.title}” as lost
        </DialogHeader>
        <div className="dialog__body deal-dialog__body">
          <TextField
            ref={reasonRef}
            label="Why was it lost?"
            placeholder="Went with a cheaper supplier"
            value={reason}
            maxLength={500}
            error={errors.reason}
            onChange={(e) => {
              setReason(e.target.value);
              setErrors({});
            }}
          />
          <TextField
            type="date"
            label="Lost on"
            className="deal-dialog__date"
            value={closedOn}
            error={errors.closedOn}
            onChange={(e) => setClosedOn(e.target.value)}
          />
          {formError ? <FieldError message={formError} /> : null}
        </div>
        <SaveFooter onCancel={onClose} saving={saving}>
          Mark as lost
        </SaveFooter>
      </form>
    </Dialog>
  );
}

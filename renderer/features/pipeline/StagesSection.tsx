/** Settings: the pipeline's stages in order, each with the chance a deal there is won. */
import { useState, type FormEvent } from 'react';
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import type { DealStage } from '../../../shared/domain/pipeline.ts';
import { parsePercent } from '../../../shared/domain/money.ts';
import { formErrors } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { SavedNote, SettingsGroup } from '../settings/SettingsRow.tsx';
import { useSavedFlash } from '../settings/useSavedFlash.ts';
import './pipeline.css';

interface Row {
  key: string;
  id?: string;
  name: string;
  percent: string;
}

const rowsOf = (stages: readonly DealStage[]): Row[] =>
  stages.map((s) => ({ key: s.id, id: s.id, name: s.name, percent: String(s.probabilityBp / 100) }));

export function StagesSection() {
  const stages = useQuery('dealStages.list', {});
  const active = (stages.data ?? []).filter((s) => s.active);
  const [saved, flash] = useSavedFlash();
  return (
    <SettingsGroup
      id="settings-stages"
      title="Deal stages"
      description="The columns of the Pipeline, in order, and how likely a deal at each stage is to be won. The board weighs each column's value by it."
    >
      {stages.data ? (
        <StagesEditor
          key={active.map((s) => `${s.id}${s.name}${s.probabilityBp}`).join()}
          stages={active}
          saved={saved}
          flash={flash}
        />
      ) : null}
    </SettingsGroup>
  );
}

function StagesEditor({ stages, saved, flash }: { stages: DealStage[]; saved: boolean; flash(): void }) {
  const cache = useCache();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(stages));
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState(0);
  const removed = stages.filter((s) => !rows.some((r) => r.id === s.id));
  const kept = rows.filter((r) => r.id);
  const dirty = JSON.stringify(rows) !== JSON.stringify(rowsOf(stages));

  function update(key: string, patch: Partial<Row>) {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setError(null);
  }

  function shift(index: number, by: number) {
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const out = [];
    for (const r of rows) {
      const bp = parsePercent(r.percent);
      if (bp === null) {
        setError(`The chance for “${r.name || 'a stage'}” is a percentage from 0 to 100.`);
        return;
      }
      out.push({ ...(r.id ? { id: r.id } : {}), name: r.name, probabilityBp: bp });
    }
    const moveOpenDeals = removed
      .filter((s) => s.openDeals > 0)
      .map((s) => ({ from: s.id, to: moves[s.id] ?? kept[0]?.id ?? '' }));
    if (moveOpenDeals.some((m) => !m.to)) {
      setError('Keep at least one saved stage for the open deals of the stages you remove.');
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('dealStages.set', { stages: out, moveOpenDeals });
      setSaving(false);
      flash();
    } catch (err) {
      setSaving(false);
      setError(formErrors(err, []).form ?? Object.values(formErrors(err, []).fields)[0] ?? null);
    }
  }

  return (
    <form onSubmit={save} className="stages-editor" aria-label="Deal stages">
      {rows.map((r, i) => (
        <div key={r.key} className="stages-editor__row">
          <input
            className="input"
            aria-label={`Stage ${i + 1} name`}
            value={r.name}
            maxLength={60}
            autoFocus={r.key === `new-${added}` && added > 0}
            onChange={(e) => update(r.key, { name: e.target.value })}
          />
          <span className="stages-editor__pct">
            <input
              className="input num"
              inputMode="decimal"
              aria-label={`Chance of winning at ${r.name || `stage ${i + 1}`} (%)`}
              value={r.percent}
              onChange={(e) => update(r.key, { percent: e.target.value })}
            />
            %
          </span>
          <span>
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Move ${r.name || 'this stage'} earlier`}
              disabled={i === 0}
              onClick={() => shift(i, -1)}
              icon={<ArrowUp size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            />
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Move ${r.name || 'this stage'} later`}
              disabled={i === rows.length - 1}
              onClick={() => shift(i, 1)}
              icon={<ArrowDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            />
          </span>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Remove ${r.name || 'this stage'}`}
            disabled={rows.length === 1}
            onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
            icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          />
        </div>
      ))}
      {removed
        .filter((s) => s.openDeals > 0)
        .map((s) => (
          <div key={s.id} className="stages-editor__row">
            <span className="stages-editor__deals">
              {s.name} has {s.openDeals} open {s.openDeals === 1 ? 'deal' : 'deals'}. Move{' '}
              {s.openDeals === 1 ? 'it' : 'them'} to
              <Select
                aria-label={`Where the open deals of ${s.name} go`}
                value={moves[s.id] ?? kept[0]?.id ?? ''}
                onChange={(e) => setMoves((m) => ({ ...m, [s.id]: e.target.value }))}
              >
                {kept.map((k) => (
                  <option key={k.key} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </Select>
            </span>
          </div>
        ))}
      {error ? (
        <div className="stages-editor__row">
          <FieldError message={error} />
        </div>
      ) : null}
      <div className="stages-editor__footer">
        <Button
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          disabled={rows.length >= 30}
          onClick={() => {
            const n = added + 1;
            setAdded(n);
            setRows((rs) => [...rs, { key: `new-${n}`, name: '', percent: '50' }]);
          }}
        >
          Add stage
        </Button>
        <SavedNote show={saved} />
        {dirty ? (
          <Button variant="ghost" onClick={() => setRows(rowsOf(stages))}>
            Undo changes
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={!dirty || saving}>
          Save stages
        </Button>
      </div>
    </form>
  );
}

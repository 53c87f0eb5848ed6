/**
 * Past imports, newest first: the file and what it held (people, companies, calls, products or
 * orders), when and by whom, what it did, and its "Undo import".
 */
import { useState } from 'react';
import { Contact, FileSpreadsheet, History, Undo2 } from 'lucide-react';
import { SECTIONS } from '../../app/sections.ts';
import type { ImportRecord } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner, EmptyState, ErrorState } from '../../ui/States.tsx';
import { RelTime } from '../contacts/common.tsx';
import { countParts, KIND_NAMES, KIND_SECTION, madeParts, plural } from './import-words.ts';
import { UndoImportDialog } from './UndoImportDialog.tsx';
import { VCARD_NAME } from './useFileChooser.tsx';

function PastImport({ record, now, onUndo }: { record: ImportRecord; now: number; onUndo(): void }) {
  const parts = countParts(record);
  const made = madeParts(record);
  const vcard = record.kind === 'people' && VCARD_NAME.test(record.fileName);
  const kindName = vcard ? 'People (vCard)' : KIND_NAMES[record.kind];
  const Icon = vcard
    ? Contact
    : (SECTIONS.find((s) => s.id === KIND_SECTION[record.kind])?.icon ?? FileSpreadsheet);
  return (
    <li
      className={`past-import${record.undoneAt !== null ? ' past-import--undone' : ''}`}
      aria-label={`${record.fileName}, ${kindName}, ${[...parts, ...made].join(', ')}${
        record.undoneAt !== null ? ', undone' : ''
      }`}
    >
      <span className="past-import__icon" aria-hidden>
        <Icon size={ICON.inline} strokeWidth={STROKE} />
      </span>
      <div className="past-import__main">
        <span className="past-import__name">{record.fileName}</span>
        <span className="past-import__meta">
          <span className="past-import__kind">{kindName}</span>
          {' · '}
          Imported <RelTime at={record.at} now={now} />
          {record.byName ? ` by ${record.byName}` : ''}
          {' · '}
          <span className="num">{plural(record.rows, vcard ? 'card' : 'row')}</span>
        </span>
      </div>
      <span className="past-import__counts num">{[...parts, ...made].join(' · ')}</span>
      <span className="past-import__action">
        {record.undoneAt !== null ? (
          <span className="past-import__undone">
            Undone <RelTime at={record.undoneAt} now={now} />
          </span>
        ) : (
          <Button
            variant="ghost"
            icon={<Undo2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            aria-label={`Undo import of ${record.fileName}`}
            onClick={onUndo}
          >
            Undo import
          </Button>
        )}
      </span>
    </li>
  );
}

export function PastImports() {
  const imports = useQuery('import.list', {});
  const now = useNow(60_000);
  const [undoing, setUndoing] = useState<ImportRecord | null>(null);

  let body;
  if (imports.error && !imports.data) {
    body = (
      <ErrorState
        title="Past imports could not be listed"
        message={messageOf(imports.error)}
        onRetry={() => void imports.refetch()}
      />
    );
  } else if (!imports.data) {
    body = (
      <div className="past-imports__loading">
        <DelayedSpinner label="Listing past imports…" />
      </div>
    );
  } else if (imports.data.length === 0) {
    body = (
      <EmptyState icon={<History size={ICON.state} strokeWidth={STROKE} />} title="No imports yet">
        Each import is listed here, with an Undo that takes it back.
      </EmptyState>
    );
  } else {
    body = (
      <ul className="past-imports__list" aria-label="Past imports">
        {imports.data.map((r) => (
          <PastImport key={r.batchId} record={r} now={now} onUndo={() => setUndoing(r)} />
        ))}
      </ul>
    );
  }

  return (
    <div className="import-card past-imports" role="group" aria-labelledby="past-imports-title">
      <div className="import-card__head">
        <h3 className="import-card__title" id="past-imports-title">
          Past imports
        </h3>
      </div>
      {body}
      {undoing ? <UndoImportDialog target={undoing} onClose={() => setUndoing(null)} /> : null}
    </div>
  );
}

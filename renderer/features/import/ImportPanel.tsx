/**
 * The import half of Import & export: "Import from a file" (choose a CSV file of people,
 * companies, calls, products or orders, or a vCard file of contacts, or drop one in the browser
 * preview) and the past imports with their Undo. A chosen file opens the wizard as a page over the
 * whole screen (ImportWizard), where what a CSV file holds is chosen.
 */
import { useEffect, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { createPortal } from 'react-dom';
import { FileUp, FolderOpen } from 'lucide-react';
import { useFormat } from '../../lib/format.context.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ImportWizard } from './ImportWizard.tsx';
import { PastImports } from './PastImports.tsx';
import { useFileChooser, type ChosenFile } from './useFileChooser.tsx';
import '../contacts/contacts.css';
import './import.css';

const SOURCES = 'Excel, HubSpot, Salesforce, Pipedrive, LinkedIn and most other programs';

/** Where vCard files come from. */
const VCARD_SOURCES = 'a phone, Apple Contacts, Google or Outlook';

export function ImportPanel() {
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const chooser = useFileChooser(setChosen);
  const anchor = useRef<HTMLElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [dragging, setDragging] = useState(false);
  const fmt = useFormat();

  // The wizard is a page over the whole screen: it goes into the window's main area.
  useLayoutEffect(() => {
    setHost(anchor.current?.closest('main') ?? document.body);
  }, []);

  // In the browser a file dropped beside the drop zone would replace the page: not here.
  useEffect(() => {
    if (chooser.native) return;
    const keep = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, [chooser.native]);

  // Back from the wizard: focus returns to where it started.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (chosen) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      chooseButton.current?.focus();
    }
  }, [chosen]);

  const dropProps = chooser.native
    ? {}
    : {
        onDragOver(e: DragEvent) {
          if (![...e.dataTransfer.types].includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        },
        onDragLeave(e: DragEvent) {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop(e: DragEvent) {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer.files[0];
          if (file) chooser.take(file);
        },
      };

  const busy = chooser.busy;
  const percent = new Intl.NumberFormat(fmt.locale, { style: 'percent', maximumFractionDigits: 0 });
  const busyText =
    busy?.stage === 'upload'
      ? `Sending the file to Ledgerline…${busy.fraction === null ? '' : ` ${percent.format(busy.fraction)}`}`
      : 'Reading the file…';

  return (
    <section className="import" aria-labelledby="import-title" ref={anchor}>
      <header className="import__head">
        <h2 className="import__title" id="import-title">
          Import
        </h2>
        <p className="import__lede">
          Bring people, companies, calls, products and orders in from the files other programs save. Every
          import can be undone.
        </p>
      </header>

      <div className="import-card" aria-labelledby="import-file-title" role="group">
        <div className="import-card__head">
          <h3 className="import-card__title" id="import-file-title">
            Import from a file
          </h3>
          <p className="import-card__desc">
            A CSV file of people, companies, calls, products or orders from {SOURCES}, or a vCard file (.vcf)
            of contacts exported from {VCARD_SOURCES}. You see what the import will do before anything is
            added.
          </p>
        </div>
        <div
          className={`import-drop${dragging ? ' import-drop--over' : ''}${chooser.native ? ' import-drop--plain' : ''}`}
          {...dropProps}
        >
          <span className="import-drop__icon" aria-hidden>
            <FileUp size={ICON.state} strokeWidth={STROKE} />
          </span>
          <button
            ref={chooseButton}
            type="button"
            className="btn btn--primary"
            disabled={busy !== null}
            onClick={() => chooser.choose()}
          >
            <FolderOpen size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            Choose a file…
          </button>
          <span className="import-drop__text">
            {busy ? (
              <span role="status">{busyText}</span>
            ) : chooser.native ? (
              'CSV files with the column names on the first line, or vCard files (.vcf).'
            ) : (
              'or drop a CSV or vCard file here. A CSV file should have the column names on its first line.'
            )}
          </span>
        </div>
        {chooser.error && !chosen ? (
          <div className="import-card__error" role="alert">
            <FieldError message={chooser.error} />
          </div>
        ) : null}
      </div>

      <PastImports />
      {chooser.input}
      {chosen && host
        ? createPortal(
            <ImportWizard
              key={chosen.file.fileId}
              initial={chosen}
              chooser={chooser}
              onClose={() => {
                chooser.clearError();
                setChosen(null);
              }}
            />,
            host,
          )
        : null}
    </section>
  );
}

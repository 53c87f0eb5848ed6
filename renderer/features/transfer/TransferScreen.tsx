/**
 * Import & export: bring people in from the files other tools leave behind (with a preview and an
 * undo), and take everything out again — a list, the accountant's files, or the whole book.
 */
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportPanel } from '../export/ExportPanel.tsx';
import { ImportPanel } from '../import/ImportPanel.tsx';
import './transfer.css';

export function TransferScreen() {
  return (
    <>
      <PageHeader title="Import & export" />
      <div className="transfer">
        <ImportPanel />
        <ExportPanel />
      </div>
    </>
  );
}

/**
 * Running one export from the page: the request, its job's progress, Cancel, and what happens
 * when it is done. The desktop backend first shows its Save dialog (saved: false when the user
 * closes it: nothing to say); the preview writes a temporary file that the browser downloads.
 * The outcome is said in a toast, so it still reaches the user when the dialog that started the
 * export has been closed meanwhile (the job keeps running, with its card in the corner).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand';
import { AppError } from '../../../shared/api/errors.ts';
import type { JobProgress } from '../../../shared/api/events.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { ExportResult } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { downloadFile } from '../../api/files.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore, type UiState } from '../../stores/ui.store.tsx';

export type ExportRequest =
  'export.list' | 'export.preset' | 'export.everything' | 'export.vcard' | 'export.person' | 'audit.export';

export interface ExportProgress {
  done: number;
  total: number | null;
  message: string;
}

/** A quick export never flashes a progress bar: it shows once the export has run this long. */
export const SHOW_PROGRESS_AFTER_MS = 300;

export interface ExportRun {
  running: boolean;
  /** True once it has run for a moment (SHOW_PROGRESS_AFTER_MS): time to show its progress. */
  slow: boolean;
  /** The job's last report; null until it has sent one. */
  progress: ExportProgress | null;
  cancelling: boolean;
  /** Why the last export failed (a cancel is not a failure). */
  error: string | null;
  /**
   * Runs the export; `what` names what was saved ("12 contacts") from the rows written. Resolves
   * with the result once it is done (null when it failed or was cancelled; never rejects).
   */
  start<N extends ExportRequest>(
    name: N,
    input: RequestInput<N>,
    what: (rows: number) => string,
  ): Promise<ExportResult | null>;
  cancel(): void;
  clearError(): void;
}

/** The folder part of a path the Save dialog chose ("C:\Users\ann\Documents"). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

/** What the toast says once an export is saved, or null when nothing was (Save dialog closed). */
export function savedMessage(result: ExportResult, what: string, locale?: string): string | null {
  if (!result.saved) return null;
  const where = result.path ? ` in ${folderOf(result.path)}` : '';
  let message = `Saved ${what} to ${result.name}${where}.`;
  if (result.replaced > 0) {
    const n = new Intl.NumberFormat(locale).format(result.replaced);
    message +=
      result.replaced === 1
        ? ` 1 character that Windows-1252 cannot hold was written as “?”.`
        : ` ${n} characters that Windows-1252 cannot hold were written as “?”.`;
  }
  return message;
}

/** Downloads the preview's file and says where the export went. */
export function announceExport(ui: StoreApi<UiState>, result: ExportResult, what: string, locale?: string) {
  const message = savedMessage(result, what, locale);
  if (!message) return;
  if (result.download) downloadFile(result.download);
  ui.getState().toast(message, 'info', { durationMs: result.replaced > 0 ? 12_000 : 6000 });
}

export function useExportRun(): ExportRun {
  const cache = useCache();
  const ui = useUiStore();
  const [running, setRunning] = useState(false);
  const [slow, setSlow] = useState(false);
  const slowTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef<string | null>(null);
  const cancelWanted = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(slowTimer.current);
    };
  }, []);

  const cancelJob = useCallback(
    (id: string) => void cache.client.call('jobs.cancel', { jobId: id }).catch(() => undefined),
    [cache],
  );

  const start = useCallback(
    <N extends ExportRequest>(name: N, input: RequestInput<N>, what: (rows: number) => string) => {
      jobId.current = null;
      cancelWanted.current = false;
      setRunning(true);
      setSlow(false);
      clearTimeout(slowTimer.current);
      slowTimer.current = setTimeout(() => setSlow(true), SHOW_PROGRESS_AFTER_MS);
      setProgress(null);
      setCancelling(false);
      setError(null);
      const off = cache.client.on('job.progress', (p: JobProgress) => {
        if (p.kind !== name || p.state !== 'running') return;
        if (jobId.current === null) {
          jobId.current = p.jobId;
          if (cancelWanted.current) cancelJob(p.jobId);
        }
        if (p.jobId !== jobId.current || !mounted.current) return;
        setProgress({ done: p.done, total: p.total, message: p.message });
      });
      return cache
        .mutate(name, input)
        .then((result) => {
          announceExport(ui, result, what(result.rows));
          return result as ExportResult | null;
        })
        .catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'CANCELLED') {
            ui.getState().toast('Export cancelled. No file was saved.');
          } else if (mounted.current) {
            setError(messageOf(err));
          } else {
            ui.getState().toast(messageOf(err), 'error');
          }
          return null;
        })
        .finally(() => {
          off();
          clearTimeout(slowTimer.current);
          if (!mounted.current) return;
          setRunning(false);
          setSlow(false);
          setProgress(null);
          setCancelling(false);
        });
    },
    [cache, ui, cancelJob],
  );

  const cancel = useCallback(() => {
    setCancelling(true);
    cancelWanted.current = true;
    if (jobId.current) cancelJob(jobId.current);
  }, [cancelJob]);

  const clearError = useCallback(() => setError(null), []);

  return { running, slow, progress, cancelling, error, start, cancel, clearError };
}

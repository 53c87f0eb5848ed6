/**
 * One line of the backend's log on stderr, as the desktop shell, the preview and the bench write
 * it: the message, then what went wrong when there was an error ("…: disk full"), nothing more
 * when there was none.
 */
export function logLine(message: string, err?: unknown): string {
  const detail = err instanceof Error ? `: ${err.message}` : err === undefined ? '' : `: ${String(err)}`;
  return `${message}${detail}\n`;
}

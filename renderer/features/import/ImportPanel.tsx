/** The import half of Import & export (being built). */
export function ImportPanel() {
  return <section aria-label="Import" />;
}

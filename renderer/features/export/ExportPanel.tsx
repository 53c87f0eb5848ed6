/** The export half of Import & export (being built). */
export function ExportPanel() {
  return <section aria-label="Export" />;
}

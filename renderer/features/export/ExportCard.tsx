/** A card of the Export panel: a title and a line about it, then its content. */
import type { ReactNode } from 'react';

export function ExportCard({
  id,
  title,
  description,
  aside,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  /** Beside the title (a "Saved" note, a period picker). */
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="export-card" aria-labelledby={`${id}-title`}>
      <header className="export-card__head">
        <div className="export-card__heading">
          <h3 className="export-card__title" id={`${id}-title`}>
            {title}
          </h3>
          {description ? <p className="export-card__desc">{description}</p> : null}
        </div>
        {aside}
      </header>
      {children}
    </section>
  );
}

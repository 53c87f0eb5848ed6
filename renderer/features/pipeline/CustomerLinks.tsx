/**
 * Who a deal or a case is with, under its title: the person and their company, each a link to
 * its page ("Ann Lee at Acme Ltd").
 */
import { useUi } from '../../stores/ui.store.tsx';

export function CustomerLinks({
  personId,
  personName,
  companyId,
  companyName,
}: {
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
}) {
  const navigate = useUi((s) => s.navigate);
  return (
    <p className="hero__sub">
      {personId ? (
        <button type="button" className="link-button" onClick={() => navigate(`people/${personId}`)}>
          {personName}
        </button>
      ) : null}
      {personId && companyId ? <span className="hero__at"> at </span> : null}
      {companyId ? (
        <button type="button" className="link-button" onClick={() => navigate(`companies/${companyId}`)}>
          {companyName}
        </button>
      ) : null}
    </p>
  );
}

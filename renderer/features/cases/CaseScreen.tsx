/** A case's page: what happened, for whom, how urgent, its status and what was done. */
import { CustomerLinks } from '../pipeline/CustomerLinks.tsx';
import { useEffect } from 'react';
import { AlertTriangle, Pencil, Trash2 } from 'lucide-react';
import { isOverdue, type Case } from '../../../shared/domain/pipeline.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { historyEntry } from '../audit/history-entry.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import type { MenuEntry } from '../../ui/Menu.tsx';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { RelTime, undoToast } from '../contacts/common.tsx';
import { BackButton, Fact, MoreActions } from '../contacts/detail-parts.tsx';
import { isoDay, useSalesDialogs } from '../pipeline/pipeline-words.ts';
import { CATEGORY_LABELS } from './case-words.ts';
import { PriorityMark, StatusBadge } from './CasesScreen.tsx';
import { CaseStatusActions } from './CaseStatus.tsx';
import '../pipeline/pipeline.css';
import './cases.css';

function CaseBody({ kase }: { kase: Case }) {
  const cache = useCache();
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const now = useNow(60_000);
  const late = isOverdue(kase, isoDay(now));
  const more: MenuEntry[] = [
    historyEntry(ui, { table: 'cases', id: kase.id, label: `Case #${kase.number}` }),
    { kind: 'separator', id: 'sep' },
    {
      id: 'delete',
      label: 'Move to Trash',
      tone: 'danger',
      icon: <Trash2 size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => {
        cache
          .mutate('cases.delete', { id: kase.id })
          .then(() => {
            navigate('cases');
            undoToast(ui, `Case #${kase.number} is in the Trash.`, async () => {
              await cache.mutate('cases.restore', { id: kase.id });
              return `Case #${kase.number} is back.`;
            });
          })
          .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
      },
    },
  ];
  return (
    <>
      <div className="detail-bar">
        <BackButton to="cases">Cases</BackButton>
        <div className="detail-bar__actions">
          <CaseStatusActions kase={kase} />
          <Button
            icon={<Pencil size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={() => useSalesDialogs.getState().openCase(kase.id)}
          >
            Edit
          </Button>
          <MoreActions name={`case ${kase.number}`} entries={more} />
        </div>
      </div>
      <div className="page detail">
        <div className="detail__inner deal-page">
          <header className="hero">
            <div className="hero__text">
              <p className="case-page__number num">Case #{kase.number}</p>
              <h1 className="hero__name selectable">{kase.subject}</h1>
              <CustomerLinks
                personId={kase.personId}
                personName={kase.personName}
                companyId={kase.companyId}
                companyName={kase.companyName}
              />
              <div className="hero__badges">
                <StatusBadge status={kase.status} />
                <PriorityMark priority={kase.priority} />
                <span className="badge">{CATEGORY_LABELS[kase.category]}</span>
                {late ? (
                  <span className="badge badge--danger">
                    <AlertTriangle size={ICON.small} strokeWidth={2} aria-hidden />
                    Overdue
                  </span>
                ) : null}
              </div>
            </div>
          </header>
          <div className="deal-page__cards">
            <section className="card" aria-labelledby="case-what">
              <header className="card__header">
                <h2 id="case-what" className="card__title">
                  What happened
                </h2>
              </header>
              <p className={`case-page__text selectable${kase.description ? '' : ' muted'}`}>
                {kase.description ?? 'No description yet.'}
              </p>
              {kase.resolution ? (
                <>
                  <header className="card__header">
                    <h2 className="card__title">How it was resolved</h2>
                  </header>
                  <p className="case-page__text selectable">{kase.resolution}</p>
                </>
              ) : null}
            </section>
            <section className="card" aria-labelledby="case-facts">
              <header className="card__header">
                <h2 id="case-facts" className="card__title">
                  Details
                </h2>
              </header>
              <dl className="facts">
                <Fact label="Due">
                  {kase.dueDate ? (
                    <span className={late ? 'due--late' : undefined}>
                      {fmt.day(kase.dueDate, now)}
                      {late ? ' · overdue' : ''}
                    </span>
                  ) : null}
                </Fact>
                <Fact label="Owner">{kase.ownerName}</Fact>
                <Fact label="Product">{kase.productName}</Fact>
                <Fact label="Order">{kase.orderReference}</Fact>
                <Fact label="Opened">{fmt.dateTime(kase.openedAt)}</Fact>
                <Fact label="Resolved">{kase.resolvedAt ? fmt.dateTime(kase.resolvedAt) : null}</Fact>
              </dl>
            </section>
          </div>
          <p className="detail__stamp">
            Opened <RelTime at={kase.openedAt} now={now} /> · changed{' '}
            <RelTime at={kase.updatedAt} now={now} />
          </p>
        </div>
      </div>
    </>
  );
}

export function CaseScreen({ caseId }: { caseId: string }) {
  const kase = useQuery('cases.get', { id: caseId });
  const navigate = useUi((s) => s.navigate);
  useEffect(() => {
    if (kase.data) document.title = `Case #${kase.data.number} — Ledgerline`;
  }, [kase.data]);
  if (kase.data) return <CaseBody kase={kase.data} />;
  if (kase.status === 'error') {
    return (
      <div className="page detail detail--state">
        <ErrorState
          title="This case could not be opened"
          message={kase.error?.message ?? 'Try again in a moment.'}
        />
        <div className="detail__state-actions">
          <Button variant="ghost" onClick={() => navigate('cases')}>
            Back to Cases
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="page detail detail--state" aria-busy="true">
      <DelayedSpinner label="Opening…" />
    </div>
  );
}

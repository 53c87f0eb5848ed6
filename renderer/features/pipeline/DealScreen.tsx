/** A deal's page: what it is worth, where it stands, with whom; win, lose, reopen, make an order. */
import { CustomerLinks } from './CustomerLinks.tsx';
import { useEffect, useState } from 'react';
import { Pencil, ReceiptText, RotateCcw, ThumbsDown, Trash2, Trophy } from 'lucide-react';
import type { Deal } from '../../../shared/domain/pipeline.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import type { MenuEntry } from '../../ui/Menu.tsx';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { RelTime } from '../contacts/common.tsx';
import { BackButton, Fact, MoreActions } from '../contacts/detail-parts.tsx';
import { LoseDialog, useDealActions } from './deal-actions.tsx';
import { historyEntry } from '../audit/history-entry.tsx';
import { isoDay, percentText, useSalesDialogs } from './pipeline-words.ts';
import './pipeline.css';

function StateBadge({ deal }: { deal: Deal }) {
  if (deal.state === 'won') return <span className="badge badge--success">Won</span>;
  if (deal.state === 'lost') return <span className="badge badge--danger">Lost</span>;
  return <span className="badge badge--accent">Open · {deal.stageName}</span>;
}

function DealBody({ deal }: { deal: Deal }) {
  const fmt = useFormat();
  const now = useNow(60_000);
  const navigate = useUi((s) => s.navigate);
  const actions = useDealActions();
  const ui = useUiStore();
  const [losing, setLosing] = useState(false);
  const late = deal.state === 'open' && deal.expectedClose !== null && deal.expectedClose < isoDay(now);
  const money = (m: number) => fmt.moneyIn(m, deal.currency);
  const more: MenuEntry[] = [
    historyEntry(ui, { table: 'deals', id: deal.id, label: deal.title }),
    { kind: 'separator', id: 'sep' },
    {
      id: 'delete',
      label: 'Move to Trash',
      tone: 'danger',
      icon: <Trash2 size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => void actions.remove(deal, () => navigate('pipeline')),
    },
  ];
  return (
    <>
      <div className="detail-bar">
        <BackButton to="pipeline">Pipeline</BackButton>
        <div className="detail-bar__actions">
          {deal.state === 'open' ? (
            <>
              <Button
                variant="primary"
                icon={<Trophy size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                onClick={() => void actions.win(deal)}
              >
                Mark as won
              </Button>
              <Button
                icon={<ThumbsDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                onClick={() => setLosing(true)}
              >
                Mark as lost…
              </Button>
            </>
          ) : (
            <>
              {deal.state === 'won' && !deal.orderId ? (
                <Button
                  variant="primary"
                  icon={<ReceiptText size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                  onClick={() => void actions.toOrder(deal)}
                >
                  Make an order
                </Button>
              ) : null}
              {deal.orderId ? (
                <Button
                  icon={<ReceiptText size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                  onClick={() => navigate(`orders/${deal.orderId}`)}
                >
                  Open the order
                </Button>
              ) : null}
              <Button
                icon={<RotateCcw size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                onClick={() => void actions.reopen(deal)}
              >
                Reopen
              </Button>
            </>
          )}
          <Button
            icon={<Pencil size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={() => useSalesDialogs.getState().openDeal(deal.id)}
          >
            Edit
          </Button>
          <MoreActions name={deal.title} entries={more} />
        </div>
      </div>
      <div className="page detail">
        <div className="detail__inner deal-page">
          <header className="hero">
            <div className="hero__text">
              <h1 className="hero__name selectable">{deal.title}</h1>
              <CustomerLinks
                personId={deal.personId}
                personName={deal.personName}
                companyId={deal.companyId}
                companyName={deal.companyName}
              />
              <div className="hero__badges">
                <StateBadge deal={deal} />
                {deal.ownerName ? (
                  <span className="badge">Owner: {deal.ownerName}</span>
                ) : (
                  <span className="badge">No owner</span>
                )}
              </div>
            </div>
            <div className="deal-page__worth">
              <span className="num deal-page__value">{money(deal.value)}</span>
              {deal.state === 'open' ? (
                <span className="num deal-page__weighted">
                  {money(deal.weightedValue)} weighted at {percentText(deal.probabilityBp)}
                </span>
              ) : null}
            </div>
          </header>
          {deal.state === 'lost' && deal.lostReason ? (
            <div className="deal-page__lost" role="note">
              <ThumbsDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />
              <span>
                <strong>Lost{deal.closedOn ? ` ${fmt.day(deal.closedOn, now)}` : ''}:</strong>{' '}
                {deal.lostReason}
              </span>
            </div>
          ) : null}
          <div className="deal-page__cards">
            <section className="card" aria-labelledby="deal-facts">
              <header className="card__header">
                <h2 id="deal-facts" className="card__title">
                  Details
                </h2>
              </header>
              <dl className="facts">
                <Fact label="Stage">{deal.stageName}</Fact>
                <Fact label="Value">{money(deal.value)}</Fact>
                {deal.state === 'open' ? (
                  <Fact label="Probability">{percentText(deal.probabilityBp)}</Fact>
                ) : null}
                <Fact label="Expected close">
                  {deal.expectedClose ? (
                    <span className={late ? 'due--late' : undefined}>
                      {fmt.day(deal.expectedClose, now)}
                      {late ? ' · overdue' : ''}
                    </span>
                  ) : null}
                </Fact>
                {deal.state !== 'open' ? (
                  <Fact label={deal.state === 'lost' ? 'Lost on' : 'Won on'}>
                    {deal.closedOn ? fmt.day(deal.closedOn, now) : null}
                  </Fact>
                ) : null}
                <Fact label="Owner">{deal.ownerName}</Fact>
              </dl>
            </section>
            {deal.lines.length > 0 ? (
              <section className="card" aria-labelledby="deal-lines">
                <header className="card__header">
                  <h2 id="deal-lines" className="card__title">
                    Products discussed
                  </h2>
                </header>
                <table className="deal-lines">
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col" className="num">
                        Qty
                      </th>
                      <th scope="col" className="num">
                        Net
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {deal.lines.map((l) => (
                      <tr key={l.id}>
                        <td>{l.description}</td>
                        <td className="num">{fmt.number(l.quantity / 1000)}</td>
                        <td className="num">{money(l.net)}</td>
                      </tr>
                    ))}
                  </tbody>
                  {deal.totals ? (
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={2}>
                          Net total
                        </th>
                        <td className="num">{money(deal.totals.net)}</td>
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
              </section>
            ) : null}
          </div>
          <p className="detail__stamp">
            Added <RelTime at={deal.createdAt} now={now} /> · changed{' '}
            <RelTime at={deal.updatedAt} now={now} />
          </p>
        </div>
      </div>
      {losing ? <LoseDialog deal={deal} onClose={() => setLosing(false)} /> : null}
    </>
  );
}

export function DealScreen({ dealId }: { dealId: string }) {
  const deal = useQuery('deals.get', { id: dealId });
  const navigate = useUi((s) => s.navigate);
  useEffect(() => {
    if (deal.data) document.title = `${deal.data.title} — Ledgerline`;
  }, [deal.data]);
  if (deal.data) return <DealBody deal={deal.data} />;
  if (deal.status === 'error') {
    return (
      <div className="page detail detail--state">
        <ErrorState
          title="This deal could not be opened"
          message={deal.error?.message ?? 'Try again in a moment.'}
        />
        <div className="detail__state-actions">
          <Button variant="ghost" onClick={() => navigate('pipeline')}>
            Back to the Pipeline
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

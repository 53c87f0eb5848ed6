/** The deal and case dialogs, open from anywhere (the board, a page, the palette). */
import { CaseDialog } from '../cases/CaseDialog.tsx';
import { DealDialog } from './DealDialog.tsx';
import { useSalesDialogs } from './pipeline-words.ts';

export function SalesDialogs() {
  const deal = useSalesDialogs((s) => s.deal);
  const kase = useSalesDialogs((s) => s.kase);
  const { closeDeal, closeCase } = useSalesDialogs.getState();
  return (
    <>
      {deal.open ? (
        <DealDialog
          key={deal.dealId ?? 'new'}
          dealId={deal.dealId}
          stageId={deal.stageId}
          onClose={closeDeal}
        />
      ) : null}
      {kase.open ? (
        <CaseDialog
          key={kase.caseId ?? 'new'}
          caseId={kase.caseId}
          personId={kase.personId}
          companyId={kase.companyId}
          onClose={closeCase}
        />
      ) : null}
    </>
  );
}

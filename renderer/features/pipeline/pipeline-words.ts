/** Small helpers the pipeline, leads and cases screens share: today's date, amounts typed, dialogs. */
import { format } from 'date-fns';
import { create } from 'zustand';
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import { parseAmount } from '../../../shared/domain/money.ts';

/** The user's local calendar day, YYYY-MM-DD. */
export function isoDay(now: number): string {
  return format(now, 'yyyy-MM-dd');
}

export function minorDigits(currency: string): number {
  return CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
}

/** "1,250.50" in the currency's minor units; null when it is not an amount. */
export function amountOf(text: string, currency: string): number | null {
  if (text.trim() === '') return 0;
  const minor = parseAmount(text, minorDigits(currency));
  return minor === null || minor < 0 ? null : minor;
}

/** Minor units back to what a person types: 125050 -> "1250.50". */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export function percentText(bp: number): string {
  return `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2).replace(/0$/u, '')} %`;
}

/** Who a deal or case is with: "Ann Lee · Acme Ltd", or one of them. */
export function customerText(r: { personName: string | null; companyName: string | null }): string {
  return [r.personName, r.companyName].filter(Boolean).join(' · ') || 'No customer';
}

/**
 * Which sales dialog is open: the deal dialog (new, or editing one) and the case dialog. Kept
 * outside the screens so the palette can open them from anywhere.
 */
export interface SalesDialogs {
  deal: { open: false } | { open: true; dealId: string | null; stageId?: string | undefined };
  kase:
    | {
        open: false;
      }
    | { open: true; caseId: string | null; personId?: string | null; companyId?: string | null };
  /** A filter the Cases screen starts with (from a person's or company's banner). */
  casesFor: { personId?: string; companyId?: string; name: string } | null;
  openDeal(dealId: string | null, stageId?: string): void;
  closeDeal(): void;
  openCase(caseId: string | null, customer?: { personId?: string | null; companyId?: string | null }): void;
  closeCase(): void;
  setCasesFor(value: SalesDialogs['casesFor']): void;
}

export const useSalesDialogs = create<SalesDialogs>((set) => ({
  deal: { open: false },
  kase: { open: false },
  casesFor: null,
  openDeal: (dealId, stageId) => set({ deal: { open: true, dealId, stageId } }),
  closeDeal: () => set({ deal: { open: false } }),
  openCase: (caseId, customer = {}) => set({ kase: { open: true, caseId, ...customer } }),
  closeCase: () => set({ kase: { open: false } }),
  setCasesFor: (casesFor) => set({ casesFor }),
}));

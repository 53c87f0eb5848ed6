/** A line of an order or a deal as the contract shows it (amounts in minor units; see money.ts). */
export interface Line {
  id: string;
  position: number;
  productId: string | null;
  categoryId: string | null;
  description: string;
  /** Thousandths of a unit. */
  quantity: number;
  unitPrice: number;
  discountBp: number;
  taxRateBp: number;
  unitCost: number;
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

/** The totals of a set of lines: their sums, and net less cost. */
export interface Totals {
  net: number;
  tax: number;
  gross: number;
  cost: number;
  margin: number;
}

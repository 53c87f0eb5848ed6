/** Reports (issue 4): each takes the period and staff filters the Reports screen shows. */
import { z } from 'zod';
import type {
  CaseAgeRow,
  PipelineStage,
  SalesCategory,
  SalesMonth,
  WonLostMonth,
} from '../../domain/reports.ts';
import { id, isoDate, returns, type RequestDef } from '../kit.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, 'Use a month like 2026-03.');
const period = z
  .strictObject({
    /** The first month of the period (YYYY-MM). */
    from: month,
    /** The last month of the period, included. */
    to: month,
    /** Only what this staff profile owns. */
    ownerId: id.optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'The period ends before it starts.', path: ['to'] })
  .refine((p) => monthsBetween(p.from, p.to) <= 240, {
    message: 'Choose a period of at most 20 years.',
    path: ['from'],
  });

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export const reportsRequests = {
  /** Every month of the period, per currency, with zeros where nothing was sold. */
  'reports.salesByMonth': {
    kind: 'query',
    reads: ['orders'],
    input: period,
    output: returns<SalesMonth[]>(),
  },
  'reports.salesByCategory': {
    kind: 'query',
    reads: ['orders', 'product_categories'],
    input: period,
    output: returns<SalesCategory[]>(),
  },
  /** Open deals by stage now (the period does not apply: a pipeline is a snapshot). */
  'reports.pipeline': {
    kind: 'query',
    reads: ['deals', 'deal_stages'],
    input: z.strictObject({ ownerId: id.optional() }),
    output: returns<PipelineStage[]>(),
  },
  'reports.wonLost': {
    kind: 'query',
    reads: ['deals'],
    input: period,
    output: returns<WonLostMonth[]>(),
  },
  /** Open and waiting cases by how long they have been open, as of `today`. */
  'reports.casesByAge': {
    kind: 'query',
    reads: ['cases'],
    input: z.strictObject({ today: isoDate, ownerId: id.optional() }),
    output: returns<CaseAgeRow[]>(),
  },
} as const satisfies Record<string, RequestDef>;

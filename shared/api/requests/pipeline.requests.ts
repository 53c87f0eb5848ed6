/** The pipeline part of the contract (issue 4): deal stages, deals and the board, leads, cases. */
import { z } from 'zod';
import type { Page } from '../../domain/people.ts';
import { STAGES } from '../../domain/people.ts';
import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  CASE_STATUSES,
  DEAL_STATES,
  type Board,
  type Case,
  type Deal,
  type DealRow,
  type DealStage,
  type Lead,
  type LeadConversion,
  type OpenCases,
} from '../../domain/pipeline.ts';
import { CURRENCY_CODES } from '../../domain/settings.ts';
import { cursor, freeText, id, isoDate, limit, returns, text, type RequestDef } from '../kit.ts';
import { linesInput } from './lines.schema.ts';

const money = z
  .number()
  .int('The value is a whole number of minor units (pence, cents).')
  .min(0, 'The value cannot be negative.')
  .max(1e13, 'The value is too large.');
const currency = z.enum(CURRENCY_CODES, 'Choose a currency from the list.');
const dealTitle = z
  .string()
  .trim()
  .min(1, 'Give the deal a title.')
  .max(200, 'Keep the title under 200 characters.');
const probability = z
  .number()
  .int('The probability is a whole number of basis points (25 % is 2500).')
  .min(0, 'The probability cannot be negative.')
  .max(10_000, 'The probability cannot be over 100 %.');

const dealFields = {
  title: dealTitle,
  personId: id.nullable().optional(),
  /** Left out: the person's company, if they have one. */
  companyId: id.nullable().optional(),
  /** Left out with no lines: 0. A deal with lines is worth their net total, so leave it out then. */
  value: money.optional(),
  /** Left out: the book's currency. */
  currency: currency.optional(),
  /** Left out: the first stage of the pipeline. */
  stageId: id.optional(),
  expectedClose: isoDate.nullable().optional(),
  /** Left out: the current staff profile; null: nobody. */
  ownerId: id.nullable().optional(),
  /** The products discussed, as on an order. */
  lines: linesInput.optional(),
};
const valueOrLines = (d: { value?: number | undefined; lines?: unknown[] | undefined }) =>
  d.value === undefined || !d.lines || d.lines.length === 0;
const VALUE_FROM_LINES = 'A deal with lines is worth their net total: leave the value out.';

const dealFilter = z.strictObject({
  state: z.enum(DEAL_STATES).optional(),
  stageId: id.optional(),
  ownerId: id.optional(),
  personId: id.optional(),
  companyId: id.optional(),
  /** Expected to close on or after this date. */
  expectedFrom: isoDate.optional(),
  /** Expected to close on or before this date. */
  expectedTo: isoDate.optional(),
});

const leadDeal = z.strictObject({
  title: dealTitle,
  value: money.optional(),
  currency: currency.optional(),
  stageId: id.optional(),
  expectedClose: isoDate.nullable().optional(),
  ownerId: id.nullable().optional(),
});

const caseFields = {
  subject: z
    .string()
    .trim()
    .min(1, 'Give the case a subject.')
    .max(300, 'Keep the subject under 300 characters.'),
  description: freeText(20_000, 'The description').optional(),
  category: z.enum(CASE_CATEGORIES, 'Choose complaint, question, return, repair or other.'),
  priority: z.enum(CASE_PRIORITIES, 'Choose low, normal, high or urgent.').default('normal'),
  personId: id.nullable().optional(),
  /** Left out: the person's company, if they have one. */
  companyId: id.nullable().optional(),
  productId: id.nullable().optional(),
  orderId: id.nullable().optional(),
  /** Left out: the current staff profile; null: nobody. */
  ownerId: id.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
};
const casePatch = z
  .strictObject({
    ...caseFields,
    priority: z.enum(CASE_PRIORITIES, 'Choose low, normal, high or urgent.'),
    /** Only on a resolved or closed case, and never emptied. */
    resolution: freeText(20_000, 'The resolution').optional(),
  })
  .partial();
const caseStatusFilter = z.enum([...CASE_STATUSES, 'active'], 'Choose a status.');
const caseFilter = z.strictObject({
  /** 'active': open and waiting. Left out: every status. */
  status: caseStatusFilter.optional(),
  category: z.enum(CASE_CATEGORIES).optional(),
  priority: z.enum(CASE_PRIORITIES).optional(),
  ownerId: id.optional(),
  personId: id.optional(),
  companyId: id.optional(),
  productId: id.optional(),
  /** Active cases due before `today`. */
  overdue: z.boolean().optional(),
});

const exactlyOne = (v: { personId?: string | undefined; companyId?: string | undefined }) =>
  (v.personId === undefined) !== (v.companyId === undefined);

export const pipelineRequests = {
  'dealStages.list': {
    kind: 'query',
    reads: ['deal_stages', 'deals'],
    input: z.strictObject({ includeInactive: z.boolean().optional() }),
    output: returns<DealStage[]>(),
  },
  /**
   * Replaces the pipeline in one step: the stages in order (an id keeps a stage, no id adds one).
   * A stage left out goes; while it has open deals, `moveOpenDeals` must say where they go.
   */
  'dealStages.set': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      stages: z
        .array(
          z.strictObject({
            id: id.optional(),
            name: z
              .string()
              .trim()
              .min(1, 'Give the stage a name.')
              .max(60, 'Keep the name under 60 characters.'),
            probabilityBp: probability,
          }),
        )
        .min(1, 'Keep at least one stage.')
        .max(30, 'A pipeline can have up to 30 stages.'),
      moveOpenDeals: z
        .array(z.strictObject({ from: id, to: id }))
        .max(30)
        .default([]),
    }),
    output: returns<DealStage[]>(),
  },

  'deals.create': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject(dealFields)
      .refine((d) => Boolean(d.personId || d.companyId), {
        message: 'A deal is with a person or a company.',
        path: ['personId'],
      })
      .refine(valueOrLines, { message: VALUE_FROM_LINES, path: ['value'] }),
    output: returns<Deal>(),
  },
  'deals.get': {
    kind: 'query',
    reads: ['deals', 'deal_stages', 'people', 'companies', 'staff'],
    input: z.strictObject({ id }),
    output: returns<Deal>(),
  },
  /** Changes what the patch names. A stage change puts an open deal at the end of its new column. */
  'deals.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      patch: z
        .strictObject(dealFields)
        .partial()
        .refine(valueOrLines, { message: VALUE_FROM_LINES, path: ['value'] }),
    }),
    output: returns<Deal>(),
  },
  /** To the Trash; deals.restore brings it back (an open deal at the end of its column). */
  'deals.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },
  'deals.restore': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<Deal>(),
  },
  /** Newest first. */
  'deals.list': {
    kind: 'query',
    reads: ['deals', 'deal_stages', 'people', 'companies', 'staff'],
    input: z
      .strictObject({ filter: dealFilter.default({}), cursor, limit: limit(500, 100) })
      .refine(
        (v) => !v.filter.expectedFrom || !v.filter.expectedTo || v.filter.expectedFrom <= v.filter.expectedTo,
        {
          message: 'The range must end on or after its start.',
          path: ['filter', 'expectedTo'],
        },
      ),
    output: returns<Page<DealRow>>(),
  },
  /** The Pipeline board: every active stage in order, its first cards, count and totals. */
  'deals.board': {
    kind: 'query',
    reads: ['deals', 'deal_stages', 'people', 'companies', 'staff'],
    input: z.strictObject({ ownerId: id.optional(), limit: limit(200, 50) }),
    output: returns<Board>(),
  },
  /** More cards of one board column, in rank order. */
  'deals.column': {
    kind: 'query',
    reads: ['deals', 'deal_stages', 'people', 'companies', 'staff'],
    input: z.strictObject({ stageId: id, ownerId: id.optional(), cursor, limit: limit(500, 100) }),
    output: returns<Page<DealRow>>(),
  },
  /**
   * Puts an open deal in a stage's column: right before `beforeId`, right after `afterId`, or at
   * the end when neither is given. A drag and the keyboard both send this.
   */
  'deals.move': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({ id, stageId: id, beforeId: id.optional(), afterId: id.optional() })
      .refine((v) => v.beforeId === undefined || v.afterId === undefined, {
        message: 'Place the deal before one card or after one, not both.',
        path: ['afterId'],
      }),
    output: returns<Deal>(),
  },
  'deals.lose': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      closedOn: isoDate,
      reason: z
        .string()
        .trim()
        .min(1, 'Say why the deal was lost.')
        .max(500, 'Keep the reason under 500 characters.'),
    }),
    output: returns<Deal>(),
  },
  /** A won or lost deal goes back on the board, at the end of its stage (or of `stageId`). */
  'deals.reopen': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, stageId: id.optional() }),
    output: returns<Deal>(),
  },
  'deals.win': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, closedOn: isoDate }),
    output: returns<Deal>(),
  },
  /**
   * A won deal becomes an order in one step: its customer, currency, owner and lines (or, without
   * lines, one line with its title and value), dated `orderDate` or the day it was won.
   */
  'deals.toOrder': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      orderDate: isoDate.optional(),
      status: z.enum(['quote', 'confirmed'], 'Start the order as a quote or confirmed.').default('confirmed'),
    }),
    output: returns<{ deal: Deal; orderId: string; reference: string }>(),
  },

  /** People and companies at lifecycle stage "lead". */
  'leads.list': {
    kind: 'query',
    reads: ['people', 'companies', 'staff'],
    input: z.strictObject({
      filter: z
        .strictObject({
          kind: z.enum(['person', 'company']).optional(),
          source: z.string().trim().min(1).max(120).optional(),
          /** People only: companies have no owner. */
          ownerId: id.optional(),
          /** Part of the name. */
          query: z.string().trim().max(200).optional(),
        })
        .default({}),
      /** created: newest first; name: A to Z. */
      sort: z.enum(['created', 'name']).default('created'),
      cursor,
      limit: limit(500, 100),
    }),
    output: returns<Page<Lead>>(),
  },
  /** A company's lifecycle stage and source (a company can be a lead too). */
  'leads.setCompanyStage': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      companyId: id,
      stage: z.enum(STAGES, 'Choose lead, prospect, customer or former customer.').nullable(),
      source: text(120, 'The source').optional(),
    }),
    output: returns<{ id: string; stage: (typeof STAGES)[number] | null; source: string | null }>(),
  },
  /**
   * Turns a lead into a customer in one step, optionally creating a company for a person (and
   * linking them to it) and a deal for them. All of it is saved, or none of it.
   */
  'leads.convert': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        personId: id.optional(),
        companyId: id.optional(),
        /** People only: a new company for the person, who is linked to it. */
        company: z.strictObject({ name: z.string().trim().min(1, 'Enter a name.').max(200) }).optional(),
        deal: leadDeal.optional(),
      })
      .refine(exactlyOne, { message: 'Convert one person or one company.', path: ['personId'] })
      .refine((v) => !v.company || v.personId !== undefined, {
        message: 'Only a person can be given a new company.',
        path: ['company'],
      }),
    output: returns<LeadConversion>(),
  },

  'cases.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject(caseFields).refine((c) => Boolean(c.personId || c.companyId), {
      message: 'A case is for a person or a company.',
      path: ['personId'],
    }),
    output: returns<Case>(),
  },
  'cases.get': {
    kind: 'query',
    reads: ['cases', 'people', 'companies', 'staff', 'products', 'orders'],
    input: z.strictObject({ id }),
    output: returns<Case>(),
  },
  'cases.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, patch: casePatch }),
    output: returns<Case>(),
  },
  /**
   * Moves a case through open, waiting on customer, resolved and closed. Resolving or closing
   * needs a resolution (given here, or already on the case) and records when it was resolved.
   */
  'cases.setStatus': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      status: z.enum(CASE_STATUSES, 'Choose open, waiting, resolved or closed.'),
      resolution: freeText(20_000, 'The resolution').optional(),
    }),
    output: returns<Case>(),
  },
  /** To the Trash; cases.restore brings it back. */
  'cases.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },
  'cases.restore': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<Case>(),
  },
  /**
   * opened: newest first. due: the work queue, soonest due first (cases with no due date last);
   * it lists active cases only.
   */
  'cases.list': {
    kind: 'query',
    reads: ['cases', 'people', 'companies', 'staff', 'products', 'orders'],
    input: z
      .strictObject({
        filter: caseFilter.default({}),
        sort: z.enum(['opened', 'due']).default('opened'),
        /** The user's local date, for the overdue filter. */
        today: isoDate.optional(),
        cursor,
        limit: limit(500, 100),
      })
      .refine((v) => !v.filter.overdue || v.today !== undefined, {
        message: 'Say which day is today.',
        path: ['today'],
      })
      .refine(
        (v) =>
          v.sort !== 'due' ||
          v.filter.status === undefined ||
          v.filter.status === 'active' ||
          v.filter.status === 'open' ||
          v.filter.status === 'waiting',
        { message: 'Sorting by due date lists open and waiting cases only.', path: ['sort'] },
      ),
    output: returns<Page<Case>>(),
  },
  /** The open cases of a person or a company, for the header of their page. */
  'cases.openFor': {
    kind: 'query',
    reads: ['cases', 'people', 'companies', 'staff', 'products', 'orders'],
    input: z
      .strictObject({ personId: id.optional(), companyId: id.optional(), today: isoDate })
      .refine(exactlyOne, { message: 'Ask for one person or one company.', path: ['personId'] }),
    output: returns<OpenCases>(),
  },
} as const satisfies Record<string, RequestDef>;

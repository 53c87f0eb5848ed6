/**
 * Importing a calls file (issue 5): every record through the column mapping (call-rows.ts), the
 * person or company it was with found in the book, and the call logged as calls.log logs one, in
 * the one transaction and undoable batch of runImport() (import.run.ts: the preview is the same
 * run rolled back).
 *
 * Who the call was with: the person the chosen match finds (the same email, any case; the same
 * phone digits, as people matching compares them; the same id from the other system; or the same
 * full name as the person's shown name, any case, which may also find a company of that name when
 * no person has it). When the match's cell is blank or finds nobody, the Company column's company
 * (already in the book) is the call's. A row that finds nobody fails ("import the people first");
 * one that matches several people or companies is skipped, rather than log it against the wrong
 * one. The call's company is the Company column's when it names one in the book, else the
 * person's.
 *
 * The outcome and purpose must be choices of the editable lists (any case; the list's own spelling
 * is stored); an unknown one is a problem naming the choices, never added to the list. A blank
 * outcome is the list's first "connected" outcome for a call that lasted (duration over 0), and
 * its first other outcome for one that did not. The staff column names a staff profile; blank is
 * the person importing.
 *
 * A call already in the book (live, with the same person, or the same company when it has no
 * person, starting in the same minute) is counted unchanged and not added again: importing the
 * same file twice adds nothing. Each person's call facts (last contact, last attempt) are brought
 * up to date once, at the end; undo removes the calls and refreshes them again.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { MATCH_FIELD, type CallField, type ImportMatch } from '../../../shared/domain/import-kinds.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import type { CallsTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex } from '../search/search.index.ts';
import { bareDurationUnit, callFromRecord, importTimeZone, type CallParty } from './call-rows.ts';
import { nameKey, partyLookups, type PartyLookups } from './lookups.ts';
import { csvRows, runImport, unknownStaff, type ImportJob, type ImportRun } from './import.run.ts';
import type { RowProblem } from './person-rows.ts';

export function importCalls(ctx: Ctx, input: ImportJob, job: JobControl): ImportSummary {
  return runImport(ctx, input, job, (run) => importRows(run));
}

const WHO_FIELDS: Partial<Record<ImportMatch, CallField>> = MATCH_FIELD.calls as Partial<
  Record<ImportMatch, CallField>
>;

const MATCH_WORDS: Partial<Record<ImportMatch, string>> = {
  email: 'this email address',
  phone: 'this phone number',
  externalId: 'this ID',
  name: 'this name',
};

function importRows(run: ImportRun): void {
  const { ctx, scope, input, counts } = run;
  if (input.source.format !== 'csv') {
    throw new AppError('VALIDATION', 'Calls are imported from a CSV file.', { path: 'format' });
  }
  const whoField = WHO_FIELDS[input.match];
  // The date and someone to find are required of every calls file (csvRows checks REQUIRED_FIELDS).
  const file = csvRows<CallField>(input, input.source.plan, (has) => {
    if (!(whoField && has(whoField)) && !has('company')) {
      throw new AppError(
        'VALIDATION',
        'Choose the column the calls are matched by (or the company name): without it no call can find who it was with.',
        { path: 'mapping' },
      );
    }
  });
  const reading = {
    columnOf: file.columnOf,
    locale: run.locale,
    timeZone: importTimeZone(),
    thisYear: new Date(ctx.clock()).getUTCFullYear(),
    bareDuration: bareDurationUnit(file.columnOf('duration')),
  };
  const parties = partyLookups(ctx);
  const outcomes = listChoices(ctx, 'call_outcome');
  const purposes = listChoices(ctx, 'call_purpose');
  const existing = {
    person: plucked(
      ctx,
      `SELECT 1 FROM calls WHERE person_id = ? AND started_at >= ? AND started_at < ? AND deleted_at IS NULL LIMIT 1`,
    ),
    company: plucked(
      ctx,
      `SELECT 1 FROM calls WHERE company_id = ? AND person_id IS NULL AND started_at >= ? AND started_at < ?
         AND deleted_at IS NULL LIMIT 1`,
    ),
  };
  const insert = prepared(
    ctx,
    `INSERT INTO calls (id, person_id, company_id, staff_id, direction, started_at, duration_s, purpose,
       outcome, response, summary, created_at, updated_at, created_by, updated_by, deleted_at)
     VALUES (@id, @person_id, @company_id, @staff_id, @direction, @started_at, @duration_s, @purpose,
       @outcome, @response, @summary, @created_at, @updated_at, @created_by, @updated_by, @deleted_at)`,
  );
  /** People whose calls this import added: their call facts are refreshed at the end. */
  const called = new Set<string>();

  // for…of closes the file when the loop ends early (a cancel, a failure).
  for (const record of file.records) {
    run.step(file.done(), file.total);
    counts.rows++;
    if (record.blank) {
      run.skip();
      continue;
    }
    const { line } = record;
    const row = callFromRecord(record, reading);
    if (!row.ok) {
      run.fail(...row.problems);
      continue;
    }
    const c = row.value;
    const problems: RowProblem[] = [];
    const outcome = c.outcome
      ? outcomes.find(c.outcome)
      : c.durationS > 0
        ? outcomes.connected
        : outcomes.notConnected;
    if (!outcome) {
      problems.push({
        line,
        column: file.columnOf('outcome'),
        value: c.outcome ?? '',
        reason: c.outcome
          ? `Not an outcome on your list (${outcomes.choices()}). Add it under Settings › Call lists first, or change the cell.`
          : 'No outcome, and the outcome list has none to use instead. Give the outcome.',
      });
    }
    const purpose = c.purpose ? purposes.find(c.purpose) : null;
    if (c.purpose && !purpose) {
      problems.push({
        line,
        column: file.columnOf('purpose'),
        value: c.purpose,
        reason: `Not a purpose on your list (${purposes.choices()}). Add it under Settings › Call lists first, or change the cell.`,
      });
    }
    let staffId = scope.staffId;
    if (c.staff) {
      staffId = run.staffFor(c.staff);
      if (!staffId) problems.push(unknownStaff(line, file.columnOf('staff'), c.staff));
    }
    if (problems.length > 0) {
      run.fail(...problems);
      continue;
    }

    const who = findParty(parties, input.match, whoField, c.party);
    if (who.kind === 'none') {
      run.fail({
        line,
        column: who.field ? file.columnOf(who.field) : '',
        value: who.value,
        reason: who.reason,
      });
      continue;
    }
    if (who.kind === 'several') {
      run.skip({
        line,
        column: file.columnOf(who.field),
        value: who.value,
        reason: `Matches ${who.count} ${who.what} in the book, so it was skipped rather than log the call against the wrong one.`,
      });
      continue;
    }

    const minute = Math.floor(c.startedAt / 60_000) * 60_000;
    const already = who.personId
      ? existing.person.get(who.personId, minute, minute + 60_000)
      : existing.company.get(who.companyId, minute, minute + 60_000);
    if (already !== undefined) {
      counts.unchanged++;
      continue;
    }

    const call: CallsTable = {
      id: ctx.ids(),
      person_id: who.personId,
      company_id: who.companyId,
      staff_id: staffId,
      direction: c.direction,
      started_at: c.startedAt,
      duration_s: c.durationS,
      purpose,
      outcome: outcome!,
      response: c.response,
      summary: c.summary,
      created_at: scope.at,
      updated_at: scope.at,
      created_by: scope.staffId,
      updated_by: scope.staffId,
      deleted_at: null,
    };
    insert.run(call);
    run.batch().fresh('calls', call.id);
    if (call.summary) reindex(ctx, 'call', call.id);
    scope.change('calls', call.id, 'insert');
    if (call.person_id) called.add(call.person_id);
    counts.created++;
  }
  for (const personId of called) refreshPersonStats(ctx, scope, personId);
}

/** The active choices of an editable list, found by any case. */
function listChoices(ctx: Ctx, list: 'call_outcome' | 'call_purpose') {
  const rows = prepared(
    ctx,
    `SELECT value, connected FROM list_values WHERE list = ? AND active = 1 ORDER BY position, value`,
  ).all(list) as { value: string; connected: number }[];
  const byKey = new Map<string, string>();
  for (const r of rows) if (!byKey.has(nameKey(r.value))) byKey.set(nameKey(r.value), r.value);
  return {
    find: (text: string) => byKey.get(nameKey(text)) ?? null,
    choices: () => rows.map((r) => r.value).join(', ') || 'it is empty',
    connected: rows.find((r) => r.connected === 1)?.value ?? null,
    notConnected: rows.find((r) => r.connected !== 1)?.value ?? null,
  };
}

/** Who a row found: one person (and the call's company), a company alone, several, or nobody. */
export type Found =
  | { kind: 'one'; personId: string | null; companyId: string | null }
  | { kind: 'several'; field: CallField; value: string; count: number; what: 'people' | 'companies' }
  | { kind: 'none'; field: CallField | null; value: string; reason: string };

type Lookups = PartyLookups;

function findParty(
  parties: Lookups,
  match: ImportMatch,
  whoField: CallField | undefined,
  party: CallParty,
): Found {
  const value = whoField ? party[whoField as keyof CallParty] : null;
  let people: string[] = [];
  if (whoField && value) {
    switch (match) {
      case 'email':
        people = parties.email(value);
        break;
      case 'phone':
        people = parties.phone(value);
        break;
      case 'externalId':
        people = parties.personExternalId(value);
        break;
      case 'name':
        people = parties.personName(value);
        break;
      default:
        break;
    }
    if (people.length > 1) {
      return { kind: 'several', field: whoField, value, count: people.length, what: 'people' };
    }
  }
  // The Company column: a company already in the book.
  let companyId: string | null = null;
  if (party.company) {
    const companies = parties.companyName(party.company);
    if (companies.length > 1 && people.length === 0) {
      const count = companies.length;
      return { kind: 'several', field: 'company', value: party.company, count, what: 'companies' };
    }
    companyId = companies.length === 1 ? companies[0]! : null;
  }
  if (people.length === 1) {
    const personId = people[0]!;
    return { kind: 'one', personId, companyId: companyId ?? parties.companyOf(personId) };
  }
  // "The person (or company) with that name": a company of that name when no person has it.
  if (match === 'name' && value && !companyId) {
    const companies = parties.companyName(value);
    if (companies.length > 1) {
      return { kind: 'several', field: 'personName', value, count: companies.length, what: 'companies' };
    }
    if (companies.length === 1) return { kind: 'one', personId: null, companyId: companies[0]! };
  }
  if (companyId) return { kind: 'one', personId: null, companyId };

  if (whoField && value) {
    return {
      kind: 'none',
      field: whoField,
      value,
      reason: `Nobody in the book has ${MATCH_WORDS[match] ?? 'this'}${
        party.company ? ', and no company has the name in the Company column' : ''
      }. Import the people first, then the calls.`,
    };
  }
  if (party.company) {
    return {
      kind: 'none',
      field: 'company',
      value: party.company,
      reason: 'No company in the book has this name. Import the companies first, then the calls.',
    };
  }
  return {
    kind: 'none',
    field: whoField ?? null,
    value: '',
    reason: 'The row does not say who the call was with: its person and company cells are empty.',
  };
}

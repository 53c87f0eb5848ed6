/**
 * The trail as CSV: the filter's events, newest first, one line per field that changed, written
 * with the CSV options every export uses (here ; and a decimal comma, UTF-8 with a BOM, formula
 * protection), and the export is itself an event of the trail.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCsvDateTime } from '../../../shared/domain/csv.ts';
import { book, lastEventId, rawEvents } from './audit.helpers.ts';

describe('audit.export', () => {
  it('writes the filtered trail as CSV a spreadsheet opens, and records the export', async () => {
    const b = await book();
    await b.client.call('settings.update', {
      csv: { delimiter: ';', decimal: ',', dates: 'iso', encoding: 'utf-8-bom', protectFormulas: true },
    });
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    b.clock.advance(60_000);
    await b.client.call('people.update', {
      id: ann.id,
      patch: { jobTitle: '=HYPERLINK("x")', stage: 'customer' },
    });
    const bob = await b.client.call('people.create', { person: { givenName: 'Bob', familyName: 'Ray' } });
    const from = lastEventId(b);

    const result = await b.client.call('audit.export', {
      filter: { record: { table: 'people', id: ann.id } },
    });
    expect(result).toMatchObject({ saved: true, name: 'audit-trail-2026-11-22.csv' });
    const text = fs.readFileSync(b.backend.ctx.files.download(result.download!.fileId).path, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFEvent;When;Staff;What;Kind of record;Record;Summary;Records;Field;Before;After',
    );
    const rows = lines.slice(1, -1).map((l) => l.split(';'));
    // The update (two fields, newest first), then the create (one line per field given).
    expect(rows[0]!.slice(2, 11)).toEqual([
      'Ada Lovelace',
      'Changed',
      'Person',
      'Ann Lee',
      '',
      '',
      'Job title',
      '',
      `"'=HYPERLINK(""x"")"`,
    ]);
    expect(rows[1]!.slice(8)).toEqual(['Stage', 'Lead', 'Customer']);
    expect(rows[1]![0]).toBe(rows[0]![0]);
    // Local time, as the CSV options say (ISO here).
    expect(rows[0]![1]).toBe(formatCsvDateTime(b.clock(), 'iso', 'en-GB'));
    expect(rows.slice(2).every((r) => r[3] === 'Added')).toBe(true);
    expect(text).not.toContain('Bob Ray');
    expect(result.rows).toBe(rows.length);
    void bob;

    const [exported] = rawEvents(b, from);
    expect(exported).toMatchObject({
      action: 'export',
      summary: `Exported ${rows.length} lines of the audit trail to audit-trail-2026-11-22.csv`,
      count: rows.length,
    });
  });
});

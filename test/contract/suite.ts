/**
 * The one contract suite. It runs unchanged over every transport: in-process, HTTP (the preview)
 * and Electron IPC (main + preload with electron mocked).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client.ts';
import { isApiErrorData, type Envelope } from '../../shared/api/errors.ts';
import type { DbChanged } from '../../shared/api/events.ts';
import { REQUEST_NAMES, requests } from '../../shared/api/requests.ts';
import type { Transport } from '../../shared/api/transport.ts';
import { VALID_SAMPLES } from './samples.ts';
import type { FileDialogs } from '../../electron/backend/files/files.ts';
import { makeTempDir } from '../helpers/book.ts';

/** The desktop Open dialog, as the contract runs it: it always chooses a small people file. */
export function contractDialogs(): FileDialogs {
  const dir = makeTempDir('ledgerline-contract-files-');
  const file = path.join(dir, 'people.csv');
  fs.writeFileSync(file, 'Name,Email\r\nZed Quinn,zed@example.com\r\n');
  const archive = path.join(dir, 'everything.zip');
  const card = path.join(dir, 'zed.vcf');
  fs.writeFileSync(card, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Quinn\r\nN:Quinn;Zed;;;\r\nEND:VCARD\r\n');
  // A 1×1 PNG, for a person's photo.
  const picture = path.join(dir, 'zed.png');
  fs.writeFileSync(
    picture,
    Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
        '1f15c4890000000d49444154789c626001000000ffff03000006000557bfabd40000000049454e44ae426082',
      'hex',
    ),
  );
  return {
    open: (o) => {
      // The purpose's first filter says what is asked for (the CSV one lists vCards too).
      const first = o.filters[0]?.extensions ?? [];
      if (first.includes('png')) return Promise.resolve(picture);
      return Promise.resolve(first.includes('csv') ? file : first.includes('zip') ? archive : card);
    },
    save: (o) => Promise.resolve(o.defaultName.endsWith('.zip') ? archive : path.join(dir, o.defaultName)),
  };
}

export interface Harness {
  transport: Transport;
  /** Number of rows in the change log: proves "nothing was written". */
  changeCount(): number;
  close(): Promise<void>;
}

function withIds(input: unknown, ids: Record<string, string>): unknown {
  let text = JSON.stringify(input);
  for (const [placeholder, id] of Object.entries(ids)) text = text.replaceAll(placeholder, id);
  return JSON.parse(text);
}

function expectCleanError(envelope: Envelope<unknown>) {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) return;
  expect(isApiErrorData(envelope.error)).toBe(true);
  const text = JSON.stringify(envelope.error);
  expect(text).not.toMatch(/SQLITE_|\n\s+at |\.ts:\d+|stack/u);
}

export function contractSuite(label: string, makeHarness: () => Promise<Harness>, fuzzRuns: number) {
  describe(`contract over ${label}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    it('answers every request name with a correct result for a valid input', async () => {
      const client = createClient(h.transport);
      await client.call('setup.complete', {
        userName: 'Owner',
        businessName: 'Shop',
        currency: 'GBP',
        locale: 'en-GB',
      });
      const extra = await client.call('staff.create', { name: 'Second' });
      const company = await client.call('companies.create', { name: 'Harbour Ltd' });
      const doomedCompany = await client.call('companies.create', { name: 'Gone Ltd' });
      const make = (givenName: string, email: string) =>
        client.call('people.create', {
          person: { givenName, familyName: 'Lee', companyId: company.id, emails: [{ label: 'work', email }] },
        });
      const person = await make('Ann', 'ann@example.com');
      const other = await make('Anne', 'anne@example.com');
      const doomed = await make('Bob', 'bob@example.com');
      const logged = await client.call('calls.log', {
        call: {
          personId: person.id,
          direction: 'in',
          startedAt: Date.UTC(2026, 10, 20),
          durationS: 60,
          outcome: 'busy',
        },
      });
      const task = await client.call('tasks.create', {
        title: 'Call back',
        dueDate: '2026-11-22',
        personId: person.id,
      });
      const note = await client.call('notes.create', { personId: person.id, body: 'Met at the fair.' });
      const field = await client.call('customFields.create', {
        entity: 'company',
        label: 'Region code',
        type: 'text',
      });
      const bulk = await client.call('people.bulk', {
        target: { ids: [person.id] },
        action: { type: 'stage', stage: 'customer' },
      });
      const product = await client.call('products.create', {
        name: 'Oak desk',
        sku: 'DESK-1',
        unitPrice: 24_900,
      });
      const order = await client.call('orders.create', {
        personId: person.id,
        orderDate: '2026-11-20',
        lines: [{ productId: product.id, quantity: 1000 }],
      });
      const deal = await client.call('deals.create', { title: 'Contract deal', personId: person.id });
      const supportCase = await client.call('cases.create', {
        subject: 'Contract case',
        category: 'question',
        personId: person.id,
      });
      const consent = await client.call('consents.record', {
        personId: person.id,
        purpose: 'Phone calls',
        decision: 'granted',
        decidedAt: Date.UTC(2026, 10, 19),
        method: 'call',
      });
      const chosen = await client.call('files.open', { purpose: 'csv' });
      const spare = await client.call('files.open', { purpose: 'csv' });
      const vcard = await client.call('files.open', { purpose: 'vcard' });
      const image = await client.call('files.open', { purpose: 'image' });
      await client.call('export.everything', {});
      const archive = await client.call('files.open', { purpose: 'archive' });
      const snapshot = await client.call('backups.take', {});
      const ids = {
        __SNAPSHOT__: snapshot.file,
        __FILE__: chosen!.fileId,
        __SPARE_FILE__: spare!.fileId,
        __VCARD_FILE__: vcard!.fileId,
        __IMAGE_FILE__: image!.fileId,
        __ARCHIVE_FILE__: archive!.fileId,
        __PRODUCT__: product.id,
        __ORDER__: order.id,
        __DEAL__: deal.id,
        __CASE__: supportCase.id,
        __STAFF__: extra.id,
        __PERSON__: person.id,
        __OTHER__: other.id,
        __DOOMED__: doomed.id,
        __COMPANY__: company.id,
        __DOOMED_COMPANY__: doomedCompany.id,
        __CALL__: logged.call.id,
        __TASK__: task.id,
        __NOTE__: note.id,
        __FIELD__: field.id,
        __BATCH__: bulk.batchId,
        __CONSENT__: consent.id,
      };
      for (const name of REQUEST_NAMES) {
        const input = withIds(VALID_SAMPLES[name], ids);
        const envelope = await h.transport.invoke(name, input);
        if (name === 'setup.complete' || name === 'import.archive') {
          // Already set up, and holding records: a clear CONFLICT, not a crash.
          expect(envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
          continue;
        }
        expect(envelope, `${name}: ${JSON.stringify(envelope)}`).toMatchObject({ ok: true });
      }
      const info = await client.call('app.info', {});
      expect(info.schemaVersion).toBeGreaterThan(0);
      expect(info.bookPath).toMatch(/customer-book\.sqlite$/u);
    });

    it('refuses a malformed payload with VALIDATION, names the field, and writes nothing', async () => {
      const before = h.changeCount();
      const cases: [string, unknown, string][] = [
        ['settings.update', { theme: 42 }, 'theme'],
        ['settings.update', { locale: 'xx-XX' }, 'locale'],
        ['setup.complete', { userName: '', businessName: 'B', currency: 'GBP', locale: 'en-GB' }, 'userName'],
        ['staff.create', { name: 'A', email: 'not-an-email' }, 'email'],
        ['staff.create', { name: 'A', admin: true }, ''],
        ['today.summary', { date: '2026-02-31', dayStart: 0, dayEnd: 1 }, 'date'],
        ['changes.since', { seq: -1 }, 'seq'],
      ];
      for (const [name, input, field] of cases) {
        const envelope = await h.transport.invoke(name, input);
        expectCleanError(envelope);
        if (envelope.ok) continue;
        expect(envelope.error.code, `${name} ${JSON.stringify(input)}`).toBe('VALIDATION');
        const issues = (envelope.error.details as { issues: { path: string }[] }).issues;
        expect(issues.map((i) => i.path)).toContain(field);
      }
      for (const bad of [null, undefined, 'x', 7, [], { toString: 1 }]) {
        const envelope = await h.transport.invoke('staff.create', bad);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
      expect(await h.transport.invoke('nope.nothing', {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_REQUEST' },
      });
      expect(h.changeCount()).toBe(before);
    });

    it('delivers db.changed with the new seq and tables after a write commits', async () => {
      const seen: DbChanged[] = [];
      const off = h.transport.on('db.changed', (p) => seen.push(p as DbChanged));
      await new Promise((r) => setTimeout(r, 50));
      const client = createClient(h.transport);
      const created = await client.call('staff.create', { name: 'Evented' });
      await expect.poll(() => seen.length, { timeout: 2000 }).toBe(1);
      expect(seen[0]).toMatchObject({ tables: ['staff'], ids: [created.id] });
      expect(seen[0]?.seq).toBe((await client.call('changes.since', { seq: 0 })).seq);
      off();
      await client.call('staff.create', { name: 'Unheard' });
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toHaveLength(1);
    });

    it(`survives ${fuzzRuns} random payloads to every request: VALIDATION or a correct answer, never a crash`, async () => {
      const names = [...REQUEST_NAMES, 'constructor', '__proto__', 'toString', ''];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          fc.oneof(
            fc.anything(),
            fc.dictionary(fc.string(), fc.jsonValue()),
            fc.record(
              { name: fc.string(), id: fc.string(), seq: fc.integer(), theme: fc.string() },
              { requiredKeys: [] },
            ),
          ),
          async (name, input) => {
            const before = h.changeCount();
            const envelope = await h.transport.invoke(name, input);
            expect(typeof envelope.ok).toBe('boolean');
            if (envelope.ok) return;
            expectCleanError(envelope);
            expect(['VALIDATION', 'UNKNOWN_REQUEST', 'NOT_FOUND', 'CONFLICT']).toContain(envelope.error.code);
            if (envelope.error.code === 'VALIDATION' || envelope.error.code === 'UNKNOWN_REQUEST') {
              expect(h.changeCount()).toBe(before);
            }
            if (envelope.error.code === 'UNKNOWN_REQUEST') {
              expect(Object.hasOwn(requests, name)).toBe(false);
            }
          },
        ),
        { numRuns: fuzzRuns, seed: 20261122 },
      );
      // Still answering after the storm.
      expect(await h.transport.invoke('settings.get', {})).toMatchObject({ ok: true });
    });
  });
}

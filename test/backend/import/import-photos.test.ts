/**
 * A person's photo, end to end on a real book (issue 5, "vCard photos kept or skipped"): the vCard
 * import keeps or skips photos, adds one to someone who has none and never replaces one, and undo
 * takes back what it added; people.getPhoto / setPhoto / removePhoto (a picture told by its bytes,
 * at most 5 MB, each change undoable); the Trash purge, a merge and the vCard export.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES } from '../../../shared/domain/people.ts';
import type { TestBook } from '../../helpers/book.ts';
import { countRows, useTestBooks, writeFile } from './import-helpers.ts';

const { setUpBook } = useTestBooks();

/** A small stand-in JPEG (its first bytes say JPEG; the rest is any bytes, every value once). */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from([0xff, 0xd9]),
]);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c626001000000ffff03000006000557bfabd40000000049454e44ae426082',
  'hex',
);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8L', 'latin1'), Buffer.alloc(14, 7)]);

/** One card with a photo in its 3.0 form, its base 64 folded as Apple writes it. */
function cardWithPhoto(given: string, email: string, photo: Buffer = JPEG): string {
  const base64 = photo.toString('base64');
  const folded = base64.match(/.{1,60}/gu)!.join('\r\n  ');
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:Lee;${given};;;`,
    `FN:${given} Lee`,
    `EMAIL;TYPE=INTERNET:${email}`,
    `PHOTO;ENCODING=b;TYPE=JPEG:${folded}`,
    'END:VCARD',
    '',
  ].join('\r\n');
}

const vcardPlan = (fileId: string, keepPhotos?: boolean) =>
  ({
    format: 'vcard',
    fileId,
    bytes: 1,
    match: 'email',
    ...(keepPhotos === undefined ? {} : { keepPhotos }),
  }) as const;

/** The stored photo of a person, or undefined. */
function storedPhoto(b: TestBook, personId: string): { mime: string; data: Buffer } | undefined {
  return b.book.sqlite.prepare(`SELECT mime, data FROM person_photos WHERE person_id = ?`).get(personId) as
    { mime: string; data: Buffer } | undefined;
}

function idOf(b: TestBook, displayName: string): string {
  return b.book.sqlite
    .prepare(`SELECT id FROM people WHERE display_name = ?`)
    .pluck()
    .get(displayName) as string;
}

async function personWithEmail(b: TestBook, givenName: string, email: string) {
  return b.client.call('people.create', {
    person: { givenName, familyName: 'Lee', emails: [{ label: 'work', email }] },
  });
}

describe('the vCard import', () => {
  it('gives a new person the card’s photo, byte for byte, and people.getPhoto shows it', async () => {
    const b = await setUpBook();
    const done = await b.client.call(
      'import.run',
      vcardPlan(writeFile(b, 'ann.vcf', cardWithPhoto('Ann', 'ann@x.test'))),
    );
    expect(done).toMatchObject({ created: 1, failed: 0 });
    const id = idOf(b, 'Ann Lee');
    const stored = storedPhoto(b, id)!;
    expect(stored.mime).toBe('image/jpeg');
    expect(Buffer.compare(stored.data, JPEG)).toBe(0);
    const photo = await b.client.call('people.getPhoto', { id });
    expect(photo).toMatchObject({ personId: id, mime: 'image/jpeg', bytes: JPEG.length });
    expect(photo!.dataUrl).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
  });

  it('leaves out a card’s photo that is not a JPEG, PNG, GIF or WebP, saying so, and keeps the person', async () => {
    const b = await setUpBook();
    const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 1, 2, 3, 4]);
    const text = cardWithPhoto('Ann', 'ann@x.test', tiff) + cardWithPhoto('Bob', 'bob@x.test', PNG);
    const done = await b.client.call('import.run', vcardPlan(writeFile(b, 'two.vcf', text)));
    expect(done).toMatchObject({ created: 2, failed: 0 });
    expect(done.problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'PHOTO',
        reason: expect.stringMatching(/imported without it/u),
      }),
    ]);
    expect(storedPhoto(b, idOf(b, 'Ann Lee'))).toBeUndefined();
    // The type comes from the bytes, not from what the card declares (TYPE=JPEG).
    expect(storedPhoto(b, idOf(b, 'Bob Lee'))?.mime).toBe('image/png');
  });

  it('leaves every photo out with keepPhotos: false', async () => {
    const b = await setUpBook();
    const fileId = writeFile(b, 'ann.vcf', cardWithPhoto('Ann', 'ann@x.test'));
    expect(await b.client.call('import.run', vcardPlan(fileId, false))).toMatchObject({ created: 1 });
    expect(countRows(b, 'person_photos')).toBe(0);
    expect(await b.client.call('people.getPhoto', { id: idOf(b, 'Ann Lee') })).toBeNull();
  });

  it('adds a photo to someone who has none, and its undo takes only the photo away', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    const done = await b.client.call(
      'import.run',
      vcardPlan(writeFile(b, 'ann.vcf', cardWithPhoto('Ann', 'ann@x.test'))),
    );
    expect(done).toMatchObject({ created: 0, updated: 1 });
    expect(Buffer.compare(storedPhoto(b, ann.id)!.data, JPEG)).toBe(0);
    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(storedPhoto(b, ann.id)).toBeUndefined();
    expect(await b.client.call('people.get', { id: ann.id })).toMatchObject({ displayName: 'Ann Lee' });
  });

  it('never replaces a photo someone has', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    await b.client.call('people.setPhoto', { id: ann.id, fileId: writeFile(b, 'ann.png', PNG) });
    const done = await b.client.call(
      'import.run',
      vcardPlan(writeFile(b, 'ann.vcf', cardWithPhoto('Ann', 'ann@x.test'))),
    );
    expect(done).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(storedPhoto(b, ann.id)).toMatchObject({ mime: 'image/png' });
    expect(Buffer.compare(storedPhoto(b, ann.id)!.data, PNG)).toBe(0);
  });

  it('undoing the import of a new person removes their photo with them', async () => {
    const b = await setUpBook();
    const done = await b.client.call(
      'import.run',
      vcardPlan(
        writeFile(b, 'two.vcf', cardWithPhoto('Ann', 'ann@x.test') + cardWithPhoto('Bo', 'bo@x.test')),
      ),
    );
    expect(done).toMatchObject({ created: 2 });
    expect(countRows(b, 'person_photos')).toBe(2);
    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(countRows(b, 'people')).toBe(0);
    expect(countRows(b, 'person_photos')).toBe(0);
  });
});

describe('setting and removing a photo', () => {
  it('takes JPEG, PNG, GIF and WebP told by their bytes, whatever the file is called', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    for (const [bytes, mime, name] of [
      [PNG, 'image/png', 'photo.jpg'],
      [JPEG, 'image/jpeg', 'photo'],
      [GIF, 'image/gif', 'photo.png'],
      [WEBP, 'image/webp', 'photo.webp'],
    ] as const) {
      const change = await b.client.call('people.setPhoto', {
        id: ann.id,
        fileId: writeFile(b, name, bytes),
      });
      expect(change.photo).toMatchObject({ mime, bytes: bytes.length });
      expect(change.photo!.dataUrl).toBe(`data:${mime};base64,${bytes.toString('base64')}`);
      expect(Buffer.compare(storedPhoto(b, ann.id)!.data, bytes)).toBe(0);
    }
    expect(countRows(b, 'person_photos')).toBe(1);
  });

  it('refuses what is not a picture, an empty file and one over 5 MB, changing nothing', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    await b.client.call('people.setPhoto', { id: ann.id, fileId: writeFile(b, 'ann.png', PNG) });
    const changes = countRows(b, 'changes');
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
    const big = Buffer.concat([JPEG, Buffer.alloc(PHOTO_MAX_BYTES + 1 - JPEG.length)]);
    for (const [name, bytes, message] of [
      ['notes.png', Buffer.from('Name,Email\r\n'), /notes\.png is not a JPEG, PNG, GIF or WebP picture/u],
      ['scan.bmp', bmp, /not a JPEG, PNG, GIF or WebP/u],
      ['empty.jpg', Buffer.alloc(0), /empty\.jpg is empty/u],
      ['huge.jpg', big, /huge\.jpg is 5\.0 MB; a photo can be at most 5 MB/u],
    ] as const) {
      const fileId = writeFile(b, name, bytes);
      await expect(b.client.call('people.setPhoto', { id: ann.id, fileId })).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(message),
        details: { path: 'fileId' },
      });
      // The chosen file is let go either way.
      expect(() => b.backend.ctx.files.ref(fileId)).toThrow();
    }
    // Exactly 5 MB is taken.
    const most = Buffer.concat([JPEG, Buffer.alloc(PHOTO_MAX_BYTES - JPEG.length)]);
    expect(countRows(b, 'changes')).toBe(changes);
    expect(Buffer.compare(storedPhoto(b, ann.id)!.data, PNG)).toBe(0);
    await b.client.call('people.setPhoto', { id: ann.id, fileId: writeFile(b, 'most.jpg', most) });
    expect(storedPhoto(b, ann.id)!.data.length).toBe(PHOTO_MAX_BYTES);
  });

  it('refuses a person who is not there or is in the Trash, and a file no longer chosen', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    await expect(
      b.client.call('people.setPhoto', { id: 'nobody', fileId: writeFile(b, 'a.png', PNG) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.client.call('people.getPhoto', { id: 'nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.client.call('people.setPhoto', { id: ann.id, fileId: 'gone' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.client.call('people.removePhoto', { id: ann.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Ann Lee has no photo to remove.',
    });
    await b.client.call('people.delete', { ids: [ann.id] });
    await expect(
      b.client.call('people.setPhoto', { id: ann.id, fileId: writeFile(b, 'a.png', PNG) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/in the Trash/u) });
    expect(countRows(b, 'person_photos')).toBe(0);
  });

  it('undoes adding, changing and removing, leaving the person’s own edits alone', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    const seen = b.events.length;
    const added = await b.client.call('people.setPhoto', { id: ann.id, fileId: writeFile(b, 'a.png', PNG) });
    // Windows showing Ann refresh: the change is recorded against people.
    expect(b.events.slice(seen)).toContainEqual({
      event: 'db.changed',
      payload: expect.objectContaining({
        tables: expect.arrayContaining(['people']),
        ids: expect.arrayContaining([ann.id]),
      }),
    });
    const changed = await b.client.call('people.setPhoto', {
      id: ann.id,
      fileId: writeFile(b, 'b.jpg', JPEG),
    });
    await b.client.call('people.update', { id: ann.id, patch: { jobTitle: 'Buyer' } });
    const updatedAt = (await b.client.call('people.get', { id: ann.id })).updatedAt;

    await b.client.call('batches.undo', { batchId: changed.batchId });
    expect(Buffer.compare(storedPhoto(b, ann.id)!.data, PNG)).toBe(0);
    expect(storedPhoto(b, ann.id)!.mime).toBe('image/png');
    expect(await b.client.call('people.get', { id: ann.id })).toMatchObject({ jobTitle: 'Buyer', updatedAt });

    const removed = await b.client.call('people.removePhoto', { id: ann.id });
    expect(removed.photo).toBeNull();
    expect(await b.client.call('people.getPhoto', { id: ann.id })).toBeNull();
    await b.client.call('batches.undo', { batchId: removed.batchId });
    expect(Buffer.compare(storedPhoto(b, ann.id)!.data, PNG)).toBe(0);

    await b.client.call('batches.undo', { batchId: added.batchId });
    expect(storedPhoto(b, ann.id)).toBeUndefined();
  });
});

describe('everywhere a person’s rows go', () => {
  it('emptying the Trash deletes a person’s photo with them', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    const bo = await personWithEmail(b, 'Bo', 'bo@x.test');
    for (const p of [ann, bo]) {
      await b.client.call('people.setPhoto', { id: p.id, fileId: writeFile(b, 'a.png', PNG) });
    }
    await b.client.call('people.delete', { ids: [ann.id] });
    // In the Trash, the photo stays: restoring brings it back.
    expect(storedPhoto(b, ann.id)).toBeDefined();
    expect(await b.client.call('trash.empty', { kind: 'person' })).toMatchObject({ count: 1, kept: 0 });
    expect(countRows(b, 'people', `id = '${ann.id}'`)).toBe(0);
    expect(storedPhoto(b, ann.id)).toBeUndefined();
    expect(storedPhoto(b, bo.id)).toBeDefined();
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('a merge keeps the kept person’s photo, else moves the other’s over; undo puts it back', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    const anne = await personWithEmail(b, 'Anne', 'anne@x.test');
    const bo = await personWithEmail(b, 'Bo', 'bo@x.test');
    await b.client.call('people.setPhoto', { id: anne.id, fileId: writeFile(b, 'anne.jpg', JPEG) });
    await b.client.call('people.setPhoto', { id: bo.id, fileId: writeFile(b, 'bo.png', PNG) });

    // Ann has none: Anne's moves to her.
    const merged = await b.client.call('people.merge', { keepId: ann.id, mergeId: anne.id });
    expect(storedPhoto(b, anne.id)).toBeUndefined();
    expect(Buffer.compare(storedPhoto(b, ann.id)!.data, JPEG)).toBe(0);
    await b.client.call('batches.undo', { batchId: merged.batchId });
    expect(storedPhoto(b, ann.id)).toBeUndefined();
    expect(Buffer.compare(storedPhoto(b, anne.id)!.data, JPEG)).toBe(0);
    expect(storedPhoto(b, anne.id)!.mime).toBe('image/jpeg');

    // Bo has one: it stays, and Anne (in the Trash) keeps hers until she is purged.
    const again = await b.client.call('people.merge', { keepId: bo.id, mergeId: anne.id });
    expect(Buffer.compare(storedPhoto(b, bo.id)!.data, PNG)).toBe(0);
    expect(Buffer.compare(storedPhoto(b, anne.id)!.data, JPEG)).toBe(0);
    await b.client.call('batches.undo', { batchId: again.batchId });
    expect(Buffer.compare(storedPhoto(b, bo.id)!.data, PNG)).toBe(0);
    expect(countRows(b, 'person_photos')).toBe(2);
  });

  it('a vCard export writes the photo, and importing that file gives it back byte for byte', async () => {
    const b = await setUpBook();
    const ann = await personWithEmail(b, 'Ann', 'ann@x.test');
    // Big enough that its base 64 folds over many lines.
    const big = Buffer.concat([JPEG, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff))]);
    await b.client.call('people.setPhoto', { id: ann.id, fileId: writeFile(b, 'ann.jpg', big) });
    for (const version of ['3.0', '4.0'] as const) {
      const result = await b.client.call('export.vcard', { ids: [ann.id], version });
      const file = b.backend.ctx.files.download(result.download!.fileId).path;
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain(
        version === '3.0' ? '\r\nPHOTO;ENCODING=b;TYPE=JPEG:' : '\r\nPHOTO:data:image/jpeg;base64,',
      );
      for (const line of text.slice(0, -2).split('\r\n'))
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

      const other = await setUpBook();
      const fileId = writeFile(other, `ann-${version}.vcf`, fs.readFileSync(file));
      expect(await other.client.call('import.run', vcardPlan(fileId))).toMatchObject({ created: 1 });
      const stored = storedPhoto(other, idOf(other, 'Ann Lee'))!;
      expect(stored.mime).toBe('image/jpeg');
      expect(Buffer.compare(stored.data, big)).toBe(0);
    }
  });
});

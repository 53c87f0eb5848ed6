/**
 * A person's photo (person_photos, migration 0011): people.getPhoto / setPhoto / removePhoto, and
 * what a merge does with the two people's photos.
 *
 *  - A photo is kept apart from the person's row, so lists and searches never read it; only the
 *    person's page asks for it, as a data: URL (the page's CSP allows data: images and no other).
 *  - A photo is set from a file the user chose (files.open with purpose 'image', or an upload in
 *    the preview): JPEG, PNG, GIF or WebP as its first bytes say (never its name), at most 5 MB.
 *    Anything else is refused with a VALIDATION error and nothing changes. The file is released
 *    once read, whatever the outcome.
 *  - Setting and removing are each one undoable batch (kind 'photo'): undo puts back the photo
 *    that was there before, or takes away the one added. The person's own row is not touched
 *    (undoing a photo never undoes an edit to their name), but the change is recorded against
 *    `people`, so every window showing them refreshes.
 */
import fs from 'node:fs';
import { AppError } from '../../../shared/api/errors.ts';
import {
  photoSizeProblem,
  type PersonPhoto,
  type PhotoChange,
  type PhotoType,
} from '../../../shared/domain/people.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { PersonPhotosTable } from '../../db/schema.ts';
import { startBatch, type Batch } from '../batches/batch.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { readPersonRow, requireLivePerson } from './people.repo.ts';
import { prepared } from './prepared.ts';

/** The picture type the bytes start with, when it is one a photo may be. */
export function sniffPhotoType(data: Uint8Array): PhotoType | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => data[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (at(4, 0x37, 0x61) || at(4, 0x39, 0x61))) return 'image/gif';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

/** Why these bytes cannot be a photo (null: they can), in words for the person choosing it. */
export function photoProblem(data: Uint8Array, name = 'That file'): string | null {
  const size = photoSizeProblem(name, data.length);
  if (size) return size;
  if (!sniffPhotoType(data)) {
    return `${name} is not a JPEG, PNG, GIF or WebP picture. Choose a photo in one of those types.`;
  }
  return null;
}

type PhotoRow = Pick<PersonPhotosTable, 'mime' | 'data' | 'updated_at'>;

function readPhotoRow(ctx: Ctx, personId: string): PhotoRow | undefined {
  return prepared(ctx, `SELECT mime, data, updated_at FROM person_photos WHERE person_id = ?`).get(
    personId,
  ) as PhotoRow | undefined;
}

/** Whether the person has a photo (without reading it). */
export function hasPhoto(ctx: Ctx, personId: string): boolean {
  return prepared(ctx, `SELECT 1 FROM person_photos WHERE person_id = ?`).get(personId) !== undefined;
}

/** The person's photo's type and bytes (for a vCard), or null. */
export function photoBytes(ctx: Ctx, personId: string): { mime: string; data: Uint8Array } | null {
  const row = readPhotoRow(ctx, personId);
  return row ? { mime: row.mime, data: row.data } : null;
}

function toPhoto(personId: string, row: PhotoRow): PersonPhoto {
  const data = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  return {
    personId,
    mime: row.mime,
    bytes: data.length,
    updatedAt: row.updated_at,
    dataUrl: `data:${row.mime};base64,${data.toString('base64')}`,
  };
}

/** The person's photo, or null; NOT_FOUND when there is no such person (a person in the Trash has theirs). */
export function getPhoto(ctx: Ctx, personId: string): PersonPhoto | null {
  if (!readPersonRow(ctx, personId)) {
    throw new AppError('NOT_FOUND', 'That person is not in the book.', { id: personId });
  }
  const row = readPhotoRow(ctx, personId);
  return row ? toPhoto(personId, row) : null;
}

/** Reads a chosen file as a photo, or refuses it (VALIDATION, naming the file). */
function readPhotoFile(ctx: Ctx, fileId: string): { mime: PhotoType; data: Buffer } {
  const file = ctx.files.ref(fileId);
  const refuse = (message: string) => new AppError('VALIDATION', message, { path: 'fileId' });
  // Too big is told from the size, before anything is read.
  const size = photoSizeProblem(file.name, file.bytes);
  if (size) throw refuse(size);
  let data: Buffer;
  try {
    data = fs.readFileSync(ctx.files.path(fileId));
  } catch {
    throw new AppError('NOT_FOUND', `${file.name} cannot be read. Choose it again.`, { path: 'fileId' });
  }
  const problem = photoProblem(data, file.name);
  if (problem) throw refuse(problem);
  return { mime: sniffPhotoType(data)!, data };
}

/** Puts a photo on a person in the caller's write, recording it in the batch. */
function writePhoto(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  personId: string,
  photo: { mime: string; data: Uint8Array },
): void {
  if (hasPhoto(ctx, personId)) {
    batch.touch('person_photos', personId);
    prepared(ctx, `UPDATE person_photos SET mime = ?, data = ?, updated_at = ? WHERE person_id = ?`).run(
      photo.mime,
      photo.data,
      scope.at,
      personId,
    );
  } else {
    prepared(ctx, `INSERT INTO person_photos (person_id, mime, data, updated_at) VALUES (?, ?, ?, ?)`).run(
      personId,
      photo.mime,
      photo.data,
      scope.at,
    );
    batch.created('person_photos', personId);
  }
  scope.change('people', personId, 'update');
}

export function setPhoto(ctx: Ctx, input: { id: string; fileId: string }): PhotoChange {
  try {
    const photo = readPhotoFile(ctx, input.fileId);
    return ctx.writer.write((scope) => {
      const person = requireLivePerson(ctx, input.id);
      const had = hasPhoto(ctx, person.id);
      const label = `${had ? 'Change the photo of' : 'Add a photo of'} ${person.display_name}`;
      const batch = startBatch(ctx, scope, 'photo', label);
      writePhoto(ctx, scope, batch, person.id, photo);
      return { photo: getPhoto(ctx, person.id), batchId: batch.id };
    });
  } finally {
    ctx.files.release(input.fileId);
  }
}

export function removePhoto(ctx: Ctx, input: { id: string }): PhotoChange {
  return ctx.writer.write((scope) => {
    const person = requireLivePerson(ctx, input.id);
    if (!hasPhoto(ctx, person.id)) {
      throw new AppError('NOT_FOUND', `${person.display_name} has no photo to remove.`, { id: person.id });
    }
    const batch = startBatch(ctx, scope, 'photo', `Remove the photo of ${person.display_name}`);
    batch.touch('person_photos', person.id);
    prepared(ctx, `DELETE FROM person_photos WHERE person_id = ?`).run(person.id);
    scope.change('people', person.id, 'update');
    return { photo: null, batchId: batch.id };
  });
}

/**
 * A merge's photos: the kept person's photo stays; when they have none, the merged person's
 * moves to them (undo moves it back). Call inside the merge's write, with its batch.
 */
export function mergePhotos(ctx: Ctx, batch: Batch, keepId: string, mergeId: string): void {
  if (hasPhoto(ctx, keepId) || !hasPhoto(ctx, mergeId)) return;
  batch.touch('person_photos', mergeId);
  batch.created('person_photos', keepId);
  prepared(ctx, `UPDATE person_photos SET person_id = ? WHERE person_id = ?`).run(keepId, mergeId);
}

export const photoHandlers = {
  'people.getPhoto': (input, ctx) => getPhoto(ctx, input.id),
  'people.setPhoto': (input, ctx) => setPhoto(ctx, input),
  'people.removePhoto': (input, ctx) => removePhoto(ctx, input),
} satisfies HandlerMap<'people.getPhoto' | 'people.setPhoto' | 'people.removePhoto'>;

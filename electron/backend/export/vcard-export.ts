/**
 * vCards of one person or a selection, with their photos, in one .vcf file. People are read one at
 * a time and the file is written in chunks under a temporary name, fsynced and renamed, so a
 * cancelled export leaves nothing under the chosen name. People no longer in the book (or in the
 * Trash) are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { loadPerson } from '../people/people.repo.ts';
import { photoBytes } from '../people/photos.ts';
import { plucked } from '../people/prepared.ts';
import { personToVCard, type VCardVersion } from '../vcard/vcard.write.ts';

const FLUSH_AT = 1 << 20;

export function exportVCards(
  ctx: Ctx,
  input: { ids: readonly string[]; version: VCardVersion },
  target: string,
  job: JobControl,
): { rows: number; bytes: number; replaced: number } {
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const fd = fs.openSync(partial, 'w');
  const live = plucked(ctx, `SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL`);
  let rows = 0;
  let bytes = 0;
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    const buffer = Buffer.from(pending.join(''), 'utf8');
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset);
    bytes += buffer.length;
    pending = [];
    size = 0;
  };
  try {
    for (const [i, id] of input.ids.entries()) {
      job.step(i, input.ids.length, 'Writing vCards');
      if (!live.get(id)) continue;
      const card = personToVCard(loadPerson(ctx, id), input.version, { photo: photoBytes(ctx, id) });
      pending.push(card);
      size += card.length;
      rows++;
      if (size >= FLUSH_AT) flush();
    }
    if (rows === 0) {
      throw new AppError(
        'NOT_FOUND',
        'None of those people are in the book any more: there is nothing to export.',
      );
    }
    flush();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw err;
  }
  fs.renameSync(partial, target);
  return { rows, bytes, replaced: 0 };
}

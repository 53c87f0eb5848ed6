/**
 * customFields.list / create / update / delete. A field's key is made from its label once
 * (a slug, unique per entity) and never changes, so stored values keep their meaning when the
 * label is edited. Deleting a field hides its values; they stay in the JSON.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { CustomField, CustomFieldType } from '../../../shared/domain/people.ts';
import { fold } from '../../../shared/domain/text.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { toCustomField, validationFailure, type Entity } from './custom-values.ts';

const SELECT = `SELECT id, entity, key, label, type, options, position FROM custom_fields`;

export function slugOf(label: string): string {
  const slug = fold(label)
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '')
    .slice(0, 40)
    .replace(/_+$/u, '');
  if (!slug) return 'field';
  return /^\d/u.test(slug) ? `f_${slug}` : slug;
}

function uniqueKey(ctx: Ctx, entity: Entity, label: string): string {
  const base = slugOf(label);
  const taken = plucked(ctx, `SELECT 1 FROM custom_fields WHERE entity = ? AND key = ?`);
  let key = base;
  for (let n = 2; taken.get(entity, key); n++) key = `${base}_${n}`;
  return key;
}

const hasOptions = (type: CustomFieldType) => type === 'select' || type === 'multiselect';

function checkOptions(type: CustomFieldType, options: readonly string[]): string[] {
  if (!hasOptions(type)) return [];
  if (options.length === 0) {
    throw validationFailure([{ path: 'options', message: 'Give the list at least one choice.' }]);
  }
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.toLowerCase())) {
      throw validationFailure([{ path: 'options', message: `“${o}” is in the list twice.` }]);
    }
    seen.add(o.toLowerCase());
  }
  return [...options];
}

function checkLabelFree(ctx: Ctx, entity: Entity, label: string, exceptId?: string): void {
  const clash = plucked(
    ctx,
    `SELECT id FROM custom_fields WHERE entity = ? AND label = ? COLLATE NOCASE AND deleted_at IS NULL`,
  ).all(entity, label) as string[];
  if (clash.some((id) => id !== exceptId)) {
    throw validationFailure([{ path: 'label', message: `There is already a field called “${label}”.` }]);
  }
}

function requireField(ctx: Ctx, id: string) {
  const field = prepared(ctx, `${SELECT} WHERE id = ? AND deleted_at IS NULL`).get(id) as
    Parameters<typeof toCustomField>[0] | undefined;
  if (!field)
    throw new AppError('NOT_FOUND', 'That custom field is not in the book (it may have been deleted).', {
      id,
    });
  return toCustomField(field);
}

export const customFieldsHandlers = {
  'customFields.list': (_input, ctx) =>
    (
      prepared(
        ctx,
        `${SELECT} WHERE deleted_at IS NULL ORDER BY entity DESC, position, label`,
      ).all() as Parameters<typeof toCustomField>[0][]
    ).map(toCustomField),

  'customFields.create': (input, ctx) =>
    ctx.writer.write((scope): CustomField => {
      checkLabelFree(ctx, input.entity, input.label);
      const options = checkOptions(input.type, input.options);
      const position = plucked(
        ctx,
        `SELECT coalesce(max(position) + 1, 0) FROM custom_fields WHERE entity = ? AND deleted_at IS NULL`,
      ).get(input.entity) as number;
      const field: CustomField = {
        id: ctx.ids(),
        entity: input.entity,
        key: uniqueKey(ctx, input.entity, input.label),
        label: input.label,
        type: input.type,
        options,
        position,
      };
      prepared(
        ctx,
        `INSERT INTO custom_fields (id, entity, key, label, type, options, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        field.id,
        field.entity,
        field.key,
        field.label,
        field.type,
        JSON.stringify(options),
        position,
        scope.at,
        scope.at,
      );
      scope.change('custom_fields', field.id, 'insert');
      return field;
    }),

  'customFields.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const field = requireField(ctx, input.id);
      if (input.label !== undefined) checkLabelFree(ctx, field.entity, input.label, field.id);
      let options = field.options;
      if (input.options !== undefined) {
        if (!hasOptions(field.type)) {
          throw validationFailure([
            { path: 'options', message: `A ${field.type} field has no list of choices.` },
          ]);
        }
        options = checkOptions(field.type, input.options);
      }
      const next: CustomField = {
        ...field,
        label: input.label ?? field.label,
        options,
        position: input.position ?? field.position,
      };
      prepared(
        ctx,
        `UPDATE custom_fields SET label = ?, options = ?, position = ?, updated_at = ? WHERE id = ?`,
      ).run(next.label, JSON.stringify(next.options), next.position, scope.at, next.id);
      scope.change('custom_fields', next.id, 'update');
      return next;
    }),

  'customFields.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      requireField(ctx, input.id);
      prepared(ctx, `UPDATE custom_fields SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(
        scope.at,
        scope.at,
        input.id,
      );
      scope.change('custom_fields', input.id, 'delete');
      return { ok: true as const };
    }),
} satisfies HandlerMap<
  'customFields.list' | 'customFields.create' | 'customFields.update' | 'customFields.delete'
>;

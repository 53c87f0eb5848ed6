/**
 * Custom field values live as JSON on the person or company row. They are checked against the
 * live field definitions on every write: an unknown field or option is a VALIDATION error at
 * `custom.<key>`, so the form can show it beside the field. Values of deleted fields stay in the
 * JSON but are hidden.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { isIsoDate } from '../../../shared/domain/dates.ts';
import type { CustomField, CustomFieldType, CustomValue } from '../../../shared/domain/people.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';

export type Entity = CustomField['entity'];

interface FieldRow {
  id: string;
  entity: Entity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string;
  position: number;
}

export function toCustomField(row: FieldRow): CustomField {
  return {
    id: row.id,
    entity: row.entity,
    key: row.key,
    label: row.label,
    type: row.type,
    options: JSON.parse(row.options) as string[],
    position: row.position,
  };
}

/** The live (not deleted) fields of people or companies, in form order. */
export function liveFields(ctx: Ctx, entity: Entity): CustomField[] {
  const rows = prepared(
    ctx,
    `SELECT id, entity, key, label, type, options, position FROM custom_fields
     WHERE entity = ? AND deleted_at IS NULL ORDER BY position, label`,
  ).all(entity) as FieldRow[];
  return rows.map(toCustomField);
}

export interface Issue {
  path: string;
  message: string;
}

export function validationFailure(issues: Issue[], fallback = 'Check the highlighted fields.'): AppError {
  const first = issues[0];
  const where = first?.path ? ` (${first.path})` : '';
  return new AppError('VALIDATION', `${first?.message ?? fallback}${where}`, { issues });
}

function checkValue(field: CustomField, value: CustomValue): string | null {
  const name = field.label;
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : `${name} must be text.`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${name} must be a number.`;
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : `${name} must be a date like 2026-03-31.`;
    case 'checkbox':
      return typeof value === 'boolean' ? null : `${name} must be ticked or not.`;
    case 'select':
      if (typeof value !== 'string') return `Choose one ${name} from the list.`;
      return field.options.includes(value) ? null : `“${value}” is not one of the choices for ${name}.`;
    case 'multiselect': {
      if (!Array.isArray(value)) return `Choose ${name} from the list.`;
      const unknown = value.find((v) => !field.options.includes(v));
      return unknown === undefined ? null : `“${unknown}” is not one of the choices for ${name}.`;
    }
  }
}

/**
 * Applies `values` (per key; null clears a key) on top of the stored JSON and returns the new JSON.
 * Throws VALIDATION listing every bad key; nothing is written in that case.
 */
export function applyCustomValues(
  ctx: Ctx,
  entity: Entity,
  stored: string,
  values: Record<string, CustomValue> | undefined,
): string {
  const current = JSON.parse(stored || '{}') as Record<string, CustomValue>;
  if (!values || Object.keys(values).length === 0) return JSON.stringify(current);
  const fields = new Map(liveFields(ctx, entity).map((f) => [f.key, f]));
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = fields.get(key);
    const path = `custom.${key}`;
    if (!field) {
      issues.push({
        path,
        message: `There is no custom field “${key}”. It may have been deleted in Settings.`,
      });
      continue;
    }
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      delete current[key];
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) issues.push({ path, message: problem });
    else current[key] = Array.isArray(value) ? [...new Set(value)] : value;
  }
  if (issues.length > 0) throw validationFailure(issues);
  return JSON.stringify(current);
}

/** The values a form shows: only the live fields' keys. */
export function visibleCustom(fields: readonly CustomField[], stored: string): Record<string, CustomValue> {
  const all = JSON.parse(stored || '{}') as Record<string, CustomValue>;
  const out: Record<string, CustomValue> = {};
  for (const f of fields) if (Object.hasOwn(all, f.key)) out[f.key] = all[f.key] ?? null;
  return out;
}

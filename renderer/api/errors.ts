/** Turning an AppError into what a form shows: one message per field, plus one for the form. */
import { AppError } from '../../shared/api/errors.ts';

export interface FormErrors {
  /** The first message for each field path ("businessName", "name", ...). */
  fields: Record<string, string>;
  /** A message that belongs to no single field. */
  form: string | null;
}

export function formErrors(err: unknown, knownFields: readonly string[]): FormErrors {
  if (!(err instanceof AppError)) {
    return { fields: {}, form: 'Something went wrong, so nothing was saved. Try again.' };
  }
  const fields: Record<string, string> = {};
  let form: string | null = null;
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (err.code === 'VALIDATION' && Array.isArray(issues)) {
    for (const issue of issues) {
      if (knownFields.includes(issue.path)) fields[issue.path] ??= issue.message;
      else form ??= issue.message;
    }
    if (Object.keys(fields).length === 0 && !form) form = err.message;
  } else {
    form = err.message;
  }
  return { fields, form };
}

export function messageOf(err: unknown): string {
  return err instanceof AppError ? err.message : 'Something went wrong. Try again.';
}

/** How a failure is shown in a note: a job the user cancelled is news, not an error. */
export function toneOf(err: unknown): 'info' | 'error' {
  return err instanceof AppError && err.code === 'CANCELLED' ? 'info' : 'error';
}

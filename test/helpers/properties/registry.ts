/**
 * Every spec of the property tests, and the write requests they leave out. The coverage test
 * (test/backend/properties/coverage.test.ts) fails when a write request of the contract has
 * neither: a new handler must get a spec here.
 */
import { REQUEST_NAMES, requests, type RequestName } from '../../../shared/api/requests.ts';
import { ACTIVITY_SPECS } from './activity.specs.ts';
import { ADMIN_SPECS } from './admin.specs.ts';
import { CONTACTS_SPECS } from './contacts.specs.ts';
import { PIPELINE_SPECS } from './pipeline.specs.ts';
import { PRIVACY_SPECS } from './privacy.specs.ts';
import { SALES_SPECS } from './sales.specs.ts';
import type { Spec } from './steps.ts';

export const SPECS: Record<'contacts' | 'activity' | 'sales' | 'pipeline' | 'admin' | 'privacy', Spec[]> = {
  contacts: CONTACTS_SPECS,
  activity: ACTIVITY_SPECS,
  sales: SALES_SPECS,
  pipeline: PIPELINE_SPECS,
  admin: ADMIN_SPECS,
  privacy: PRIVACY_SPECS,
};

export const ALL_SPECS: Spec[] = Object.values(SPECS).flat();

/**
 * Write requests no property test runs, each with the reason it cannot run in this setting.
 * (The two that open the desktop shell's dialogs, files.open and backups.chooseFolder, do run:
 * against the stand-in dialogs the worlds pass, as the import and backup tests do.)
 */
export const EXCLUDED: Partial<Record<RequestName, string>> = {
  // Encryption at rest closes every connection to the book and reopens it encrypted or plain:
  // the backend hands these to the host's gate (electron/backend/security/gate.ts), which the
  // desktop app and the preview open the book through. A world opens its backend directly, as
  // the other backend tests do, so it has no gate; security's own tests drive them through it.
  'security.encrypt': 'needs the host’s security gate, which closes and reopens the book file',
  'security.decrypt': 'needs the host’s security gate, which closes and reopens the book file',
  'security.unlock': 'needs the host’s security gate and a locked book, which a world never has',
};

/** The contract's write requests (kind 'mutation'). */
export const WRITE_REQUESTS: RequestName[] = REQUEST_NAMES.filter((n) => requests[n].kind === 'mutation');

/** The spec of a request, by name. */
export function specOf(name: RequestName): Spec {
  const found = ALL_SPECS.find((s) => s.name === name);
  if (!found) throw new Error(`No property spec for ${name}.`);
  return found;
}

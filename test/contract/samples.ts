/** One valid input for every request name: the type makes a missing name a compile error. */
import type { RequestInput, RequestName } from '../../shared/api/requests.ts';

const dayStart = Date.UTC(2026, 10, 22);

export const VALID_SAMPLES: { [N in RequestName]: RequestInput<N> } = {
  'app.info': {},
  'settings.get': {},
  'settings.update': { theme: 'dark' },
  'setup.complete': { userName: 'Ada', businessName: 'Engines Ltd', currency: 'EUR', locale: 'fr-FR' },
  'staff.list': {},
  'staff.create': { name: 'Grace Hopper' },
  'staff.update': { id: '__STAFF__', name: 'Grace M. Hopper' },
  'staff.switch': { id: '__STAFF__' },
  'today.summary': { date: '2026-11-22', dayStart, dayEnd: dayStart + 86_400_000 },
  'changes.since': { seq: 0 },
};

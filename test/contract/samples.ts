/**
 * One valid input for every request name: the type makes a missing name a compile error.
 * Placeholders (__PERSON__, __STAFF__ ...) are replaced with ids of things the suite creates first.
 */
import type { RequestInput, RequestName } from '../../shared/api/requests.ts';

const dayStart = Date.UTC(2026, 10, 22);
const day = { date: '2026-11-22', dayStart, dayEnd: dayStart + 86_400_000 };

export const VALID_SAMPLES: { [N in RequestName]: RequestInput<N> } = {
  'app.info': {},
  'settings.get': {},
  'settings.update': { theme: 'dark' },
  'setup.complete': { userName: 'Ada', businessName: 'Engines Ltd', currency: 'EUR', locale: 'fr-FR' },
  'staff.list': {},
  'staff.create': { name: 'Grace Hopper' },
  'staff.update': { id: '__STAFF__', name: 'Grace M. Hopper' },
  'staff.switch': { id: '__STAFF__' },
  'today.summary': day,
  'changes.since': { seq: 0 },
  'jobs.cancel': { jobId: 'job-404' },

  'people.create': {
    person: { givenName: 'Zoë', familyName: 'Müller', emails: [{ label: 'work', email: 'zoe@example.com' }] },
  },
  'people.get': { id: '__PERSON__' },
  'people.update': { id: '__PERSON__', patch: { jobTitle: 'Buyer' } },
  'people.list': { sort: 'name', limit: 10 },
  'people.count': {},
  'people.anchors': { sort: 'name', every: 100 },
  'people.bulk': { target: { ids: ['__PERSON__'] }, action: { type: 'tag', tag: 'VIP' } },
  'people.duplicates': { emails: ['ann@example.com'] },
  'people.merge': { keepId: '__PERSON__', mergeId: '__OTHER__' },
  'people.delete': { ids: ['__DOOMED__'] },
  'companies.create': { name: 'Acme Ltd' },
  'companies.get': { id: '__COMPANY__' },
  'companies.update': { id: '__COMPANY__', patch: { industry: 'Retail' } },
  'companies.delete': { ids: ['__DOOMED_COMPANY__'] },
  'companies.list': {},
  'companies.count': { filter: { query: 'harb' } },
  'companies.bulk': { target: { ids: ['__COMPANY__'] }, action: { type: 'tag', tag: 'Supplier' } },
  'tags.list': {},
  'customFields.list': {},
  'customFields.create': { entity: 'person', label: 'Shoe size', type: 'number' },
  'customFields.update': { id: '__FIELD__', label: 'Size' },
  'customFields.delete': { id: '__FIELD__' },
  'search.global': { query: 'ann' },
  'trash.list': {},
  'trash.restore': { items: [{ kind: 'person', id: '__DOOMED__' }] },
  'trash.empty': { kind: 'note' },
  'batches.undo': { batchId: '__BATCH__' },

  'calls.log': {
    call: {
      personId: '__PERSON__',
      direction: 'out',
      startedAt: dayStart,
      durationS: 90,
      outcome: 'connected',
    },
    followUp: { inDays: 3 },
    today: '2026-11-22',
  },
  'calls.get': { id: '__CALL__' },
  'calls.update': { id: '__CALL__', patch: { summary: 'Talked about the quote.' } },
  'calls.delete': { id: '__CALL__' },
  'calls.list': {},
  'calls.totals': {},
  'lists.get': { list: 'call_outcome' },
  'lists.set': {
    list: 'call_purpose',
    values: [{ value: 'Follow-up' }, { value: 'Quote' }, { value: 'Complaint' }],
  },
  'tasks.create': { title: 'Send the brochure', dueDate: '2026-11-23', personId: '__PERSON__' },
  'tasks.get': { id: '__TASK__' },
  'tasks.update': { id: '__TASK__', patch: { priority: 1 } },
  'tasks.complete': { id: '__TASK__', done: false },
  'tasks.snooze': { id: '__TASK__', until: dayStart + 3_600_000 },
  'tasks.delete': { id: '__TASK__' },
  'tasks.agenda': { date: '2026-11-22' },
  'tasks.list': { personId: '__PERSON__' },
  'reminders.due': { now: dayStart },
  'reminders.ack': { taskIds: ['__TASK__'] },
  'notes.create': { personId: '__PERSON__', body: 'Prefers mornings.' },
  'notes.update': { id: '__NOTE__', body: 'Prefers early mornings.' },
  'notes.delete': { id: '__NOTE__' },
  'timeline.person': { personId: '__PERSON__' },
  'timeline.company': { companyId: '__COMPANY__' },
};

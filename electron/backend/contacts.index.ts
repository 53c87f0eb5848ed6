/** Every handler of the contacts domain (people, companies, tags, custom fields, search, Trash, undo). */
import type { HandlerMap } from './handler.ts';
import { batchesHandlers } from './batches/batches.handlers.ts';
import { companiesHandlers } from './companies/companies.handlers.ts';
import { customFieldsHandlers } from './custom-fields/custom-fields.handlers.ts';
import { peopleHandlers } from './people/people.handlers.ts';
import { photoHandlers } from './people/photos.ts';
import { searchHandlers } from './search/search.handlers.ts';
import { tagsHandlers } from './tags/tags.handlers.ts';
import { trashHandlers } from './trash/trash.handlers.ts';

export const contactsHandlers = {
  ...peopleHandlers,
  ...photoHandlers,
  ...companiesHandlers,
  ...tagsHandlers,
  ...customFieldsHandlers,
  ...searchHandlers,
  ...trashHandlers,
  ...batchesHandlers,
} satisfies HandlerMap<
  | 'people.create'
  | 'people.get'
  | 'people.update'
  | 'people.delete'
  | 'people.list'
  | 'people.count'
  | 'people.anchors'
  | 'people.bulk'
  | 'people.duplicates'
  | 'people.merge'
  | 'people.getPhoto'
  | 'people.setPhoto'
  | 'people.removePhoto'
  | 'companies.create'
  | 'companies.get'
  | 'companies.update'
  | 'companies.delete'
  | 'companies.list'
  | 'companies.count'
  | 'companies.bulk'
  | 'tags.list'
  | 'customFields.list'
  | 'customFields.create'
  | 'customFields.update'
  | 'customFields.delete'
  | 'search.global'
  | 'trash.list'
  | 'trash.restore'
  | 'trash.empty'
  | 'batches.undo'
>;

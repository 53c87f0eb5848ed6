/** Every handler of the contacts domain (people, companies, tags, custom fields, search, Trash, undo). */
export const contactsHandlers = {};

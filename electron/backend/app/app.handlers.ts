import type { HandlerMap } from '../handler.ts';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    appVersion: ctx.deps.appVersion,
    schemaVersion: ctx.deps.book.schemaVersion,
    bookPath: ctx.deps.book.path,
    backupsDir: ctx.deps.backupsDir,
    host: ctx.deps.host,
  }),
} satisfies HandlerMap<'app.info'>;

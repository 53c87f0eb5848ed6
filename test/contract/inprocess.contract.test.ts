import { inProcessTransport } from '../../electron/backend/inprocess.transport.ts';
import { openTestBook } from '../helpers/book.ts';
import { contractDialogs, contractSuite } from './suite.ts';

contractSuite(
  'the in-process transport',
  async () => {
    const b = await openTestBook({ deterministicIds: false, dialogs: contractDialogs() });
    return {
      transport: inProcessTransport(b.backend, b.hub),
      changeCount: () => b.book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get() as number,
      close: () => b.close(),
    };
  },
  400,
);

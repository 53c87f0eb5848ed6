import { inProcessTransport } from '../../electron/backend/inprocess.transport.ts';
import { openGatedTestBook } from '../helpers/gated-book.ts';
import { contractDialogs, contractSuite } from './suite.ts';

contractSuite(
  'the in-process transport',
  async () => {
    const b = await openGatedTestBook({ dialogs: contractDialogs() });
    return {
      transport: inProcessTransport(b.gate, b.hub),
      changeCount: () => b.sqlite().prepare(`SELECT count(*) FROM changes`).pluck().get() as number,
      close: () => b.close(),
    };
  },
  400,
);

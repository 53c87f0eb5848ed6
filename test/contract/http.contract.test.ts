import fs from 'node:fs';
import path from 'node:path';
import { startPreviewServer } from '../../electron/preview/preview.server.ts';
import { makeTempDir } from '../helpers/book.ts';
import { openGatedTestBook } from '../helpers/gated-book.ts';
import { httpTestTransport } from '../helpers/http.transport.ts';
import { contractDialogs, contractSuite } from './suite.ts';

contractSuite(
  'HTTP and server-sent events (the preview)',
  async () => {
    const b = await openGatedTestBook({ dialogs: contractDialogs() });
    const staticDir = makeTempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const server = await startPreviewServer({
      backend: b.gate,
      hub: b.hub,
      staticDir,
      token: 'contract-token',
    });
    const transport = httpTestTransport(`http://127.0.0.1:${server.port}`, server.token);
    await transport.ready;
    return {
      transport,
      changeCount: () => b.sqlite().prepare(`SELECT count(*) FROM changes`).pluck().get() as number,
      close: async () => {
        transport.close();
        await server.close();
        await b.close();
      },
    };
  },
  150,
);

/** Startup: pick the transport once, start the query cache, draw the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../shared/api/client.ts';
import { pickTransport } from './api/pick.transport.ts';
import { App } from './app/App.tsx';
import { applyRememberedTheme } from './features/settings/theme.ts';
import { createQueryCache, type QueryCache } from './stores/query.store.ts';
import './ui/tokens.css';
import './ui/base.css';
import './ui/controls.css';
import './ui/overlays.css';

applyRememberedTheme(window.localStorage);

// The HTTP transport reports a dropped event stream coming back; the cache then catches up.
const onReconnect = { catchUp: (): void => {} };
const transport = pickTransport(window, () => onReconnect.catchUp());
const cache: QueryCache = createQueryCache(createClient(transport));
onReconnect.catchUp = () => void cache.catchUp();
cache.start(window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App cache={cache} />
  </StrictMode>,
);

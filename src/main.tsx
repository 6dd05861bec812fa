import { createRoot } from 'react-dom/client';
import { bootstrap } from './app/bootstrap';
import { App } from './ui/App';
import './ui/styles.css';

// Start-up begins before React renders: IndexedDB, history and the Wasm worker load meanwhile.
const boot = bootstrap();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App boot={boot} />);

// The service worker registers once the first prompt is on screen, so it never competes with it.
// If its chunk cannot be fetched (the network dropped), the next visit registers it.
boot
  .then((app) => app.promptShown)
  .then(() => import('./pwa/register'))
  .then((m) => m.startPwa())
  .catch(() => undefined);

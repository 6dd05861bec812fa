import { createRoot } from 'react-dom/client';
import { bootstrap } from './app/bootstrap';
import { App } from './ui/App';
import './ui/styles.css';

// Start-up begins before React renders: IndexedDB, history and the Wasm worker load meanwhile.
const boot = bootstrap();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App boot={boot} />);

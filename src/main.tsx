import { createRoot } from 'react-dom/client';

// Placeholder entry; the app shell (src/ui) replaces this.
const root = document.getElementById('root');
if (root) createRoot(root).render(<h1>Wasm Dojo</h1>);

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The worker runs as an ES module so it can import @wasmer/wasi the same way the page does.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
});

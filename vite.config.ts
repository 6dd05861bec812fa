import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspPlugin } from './src/pwa/csp';
import pkg from './package.json' with { type: 'json' };

// The worker runs as an ES module so it can import @wasmer/wasi the same way the page does.
export default defineConfig({
  plugins: [
    react(),
    // Strict CSP meta tag in the built index.html (build only: dev's HMR needs inline scripts).
    cspPlugin(process.env.DOJO_BUILD_ID ?? pkg.version),
    VitePWA({
      // 'prompt': a new version waits until the learner accepts the reload toast, so a half-typed
      // command or an open editor is never lost to an automatic reload.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icons/*.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Wasm Dojo',
        short_name: 'Wasm Dojo',
        description: 'Practise WebAssembly for infrastructure: real Wasm in a browser terminal, lessons and interview drills, offline.',
        theme_color: '#1b1f3b',
        background_color: '#1b1f3b',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Everything the Dojo needs offline: app shell, the lazily loaded editor and worker chunks,
        // every precompiled module (.wasm and the .wat sources the terminal fetches) and its manifest,
        // Monaco's codicon font (.ttf), icons, and any text assets put in public/ later.
        globPatterns: ['**/*.{js,css,html,wasm,wat,json,toml,yaml,txt,ttf,woff2,svg,png,webmanifest}'],
        // Monaco's editor chunk is ~4 MB raw; the default 2 MiB limit would fail the build (stack-check P6).
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
});

import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/**
 * The Content Security Policy, written into the built index.html as a <meta> tag so it holds on
 * any static host (no server headers needed). Build-time only: `vite` dev serves inline scripts
 * for HMR and React Refresh, which this policy would (rightly) block.
 *
 * Why each source is there (checked in Chromium by e2e/tests/offline.e2e.mjs, which fails on any
 * `securitypolicyviolation`):
 * - script-src 'wasm-unsafe-eval': WebAssembly.compile/instantiate on the page (wabt's text-format
 *   parser for `.wat`; its Wasm is embedded, instantiated from bytes). No 'unsafe-eval': nothing
 *   uses eval or new Function. Dedicated workers (the WASI runtime, Monaco's editor worker) are
 *   separate documents whose policy would come from HTTP headers, not from this meta tag.
 * - style-src 'unsafe-inline': unavoidable. Monaco writes its dynamic styles (token colours,
 *   decorations, the editor's size rules) into <style> elements it creates at run time, with no
 *   nonce hook, and xterm's DOM renderer does the same for its theme. Only styles: scripts stay strict.
 * - img-src/font-src data:: Monaco's CSS carries a few small images and codicon glyphs as data: URLs.
 * - connect-src 'self': everything the Dojo fetches (modules, lessons, the manifest) is its own;
 *   nothing may leak out.
 * frame-ancestors cannot be set from a meta tag (browsers ignore it there), so it is left out.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Adds the CSP meta tag (first in <head>, so it governs everything after it) and a
 * `dojo-build` meta naming this build (DOJO_BUILD_ID, else the package version), which the update
 * e2e test uses to tell two builds apart.
 */
function cspPlugin(buildId: string): Plugin {
  return {
    name: 'dojo-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
        { tag: 'meta', attrs: { name: 'dojo-build', content: buildId }, injectTo: 'head' },
      ],
    },
  };
}

/** The module whose chunk draws the terminal (TerminalPane imports it lazily). */
const TERMINAL_VIEW = '/src/terminal/xterm-view.ts';

/**
 * Puts the terminal's chunks in index.html as `<link rel="modulepreload">`, so the browser fetches
 * them alongside the entry. The chunk stays a dynamic import (the page draws its frame first), but
 * that import used to be the first request for it, issued only once start-up had finished, so the
 * first prompt waited for start-up and then for the download, one after the other. The same for
 * the chunk's stylesheet, which the import would otherwise fetch and wait for at that moment.
 */
function preloadTerminalPlugin(): Plugin {
  let base = '/';
  return {
    name: 'dojo-preload-terminal',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const start = chunks.find((c) => c.facadeModuleId?.endsWith(TERMINAL_VIEW));
        if (!start) throw new Error(`dojo-preload-terminal: no chunk starts at ${TERMINAL_VIEW}`);
        // What the entry imports statically is preloaded by Vite already.
        const have = new Set<string>();
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return;
          into.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) walk(dep, into);
        };
        for (const c of chunks) if (c.isEntry) walk(c.fileName, have);
        const wanted = new Set<string>();
        walk(start.fileName, wanted);
        const scripts = [...wanted].filter((f) => !have.has(f));
        // Its stylesheet (xterm's own CSS) as a plain stylesheet link: the dynamic import finds it in
        // the page and does not fetch it then, and wait for it, while the first prompt waits.
        const entryCss = new Set([...have].flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]));
        const styles = [...new Set(scripts.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]))].filter((f) => !entryCss.has(f));
        return [
          ...styles.map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${f}` }, injectTo: 'head' as const })),
          ...scripts.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

// The worker runs as an ES module so it can import @wasmer/wasi the same way the page does.
export default defineConfig({
  plugins: [
    react(),
    // Strict CSP meta tag in the built index.html (build only: dev's HMR needs inline scripts).
    cspPlugin(process.env.DOJO_BUILD_ID ?? pkg.version),
    preloadTerminalPlugin(),
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

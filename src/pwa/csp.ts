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
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
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
export function cspPlugin(buildId: string): Plugin {
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

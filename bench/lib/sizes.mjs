/**
 * Sizes read from the build on disk: every JS chunk raw and gzip (level 9), the entry chunk named by
 * index.html, and the service worker's precache (the manifest workbox writes into sw.js).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function gzipSize(buf) {
  return gzipSync(buf, { level: 9 }).length;
}

/** dist-relative path (no leading slash) of a URL served from dist, or null. */
export function distPathOf(url, baseUrl) {
  if (!url.startsWith(baseUrl)) return null;
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\//, '');
  return path || 'index.html';
}

export function fileSizes(distDir, relPath) {
  const file = join(distDir, relPath);
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  const buf = readFileSync(file);
  return { raw: buf.length, gzip: gzipSize(buf) };
}

export function bundleSizes(distDir) {
  const assets = join(distDir, 'assets');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entry = /<script[^>]+type="module"[^>]+src="\/?([^"]+)"/.exec(html)?.[1] ?? null;
  const chunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: `assets/${f}`, .../** @type {{ raw: number, gzip: number }} */ (fileSizes(distDir, `assets/${f}`)) }))
    .sort((a, b) => b.raw - a.raw);
  const total = chunks.reduce((acc, c) => ({ raw: acc.raw + c.raw, gzip: acc.gzip + c.gzip }), { raw: 0, gzip: 0 });
  return {
    js_total_raw: total.raw,
    js_total_gzip: total.gzip,
    js_chunks: chunks.length,
    entry_chunk: entry ? { file: entry, ...fileSizes(distDir, entry) } : null,
    largest_chunks: chunks.slice(0, 8),
  };
}

/** Parses `precacheAndRoute([{url:"…",revision:…},…])` out of sw.js and sums the files. */
export function precacheSize(distDir) {
  const swFile = join(distDir, 'sw.js');
  if (!existsSync(swFile)) return { error: 'no sw.js in the build' };
  const sw = readFileSync(swFile, 'utf8');
  const urls = [...sw.matchAll(/\{\s*"?url"?\s*:\s*"([^"]+)"\s*,\s*"?revision"?\s*:/g)].map((m) => /** @type {string} */ (m[1]));
  let bytes = 0;
  const missing = [];
  const byKind = {};
  for (const u of new Set(urls)) {
    const s = fileSizes(distDir, u.replace(/^\//, ''));
    if (!s) {
      missing.push(u);
      continue;
    }
    bytes += s.raw;
    const ext = (/\.([a-z0-9]+)$/i.exec(u)?.[1] ?? 'other').toLowerCase();
    byKind[ext] = (byKind[ext] ?? 0) + s.raw;
  }
  return { entries: new Set(urls).size, bytes, by_extension: byKind, ...(missing.length ? { missing } : {}) };
}

/** Our precompiled modules as the app serves them (public/modules/), and one in-process engine for every test. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
export const MODULES_DIR = `${PUBLIC_DIR}modules/`;

/** `name` with or without `.wasm`. */
export function moduleBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${MODULES_DIR}${name.endsWith('.wasm') || name.endsWith('.wat') ? name : `${name}.wasm`}`));
}

/** The Wasm engine the browser runs in a Worker, here in-process; shared, as compiling is the slow part. */
export const engine = new WasmerEngine();

/** A fetch that serves public/ from disk: the module install runs exactly as in the browser. */
export const publicFetch: typeof fetch = (async (input: string | URL | Request) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const path = url.replace(/^\/+/, '');
  if (path.includes('..')) return new Response('bad path', { status: 400 });
  try {
    return new Response(readFileSync(`${PUBLIC_DIR}${path}`));
  } catch {
    return new Response('not found', { status: 404 });
  }
}) as typeof fetch;

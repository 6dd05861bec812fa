import { describe, expect, it } from 'vitest';
import { WASI } from 'node:wasi';
import { mkdtempSync, readFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replyModule, sourceReply } from './reply-module';
import { WasmerEngine } from '../runtime/wasmer-engine';
import { findTemplate, scaffoldFiles } from '../spin/templates';

describe('sourceReply: the one fixed reply of a template handler', () => {
  const reply = (id: string) =>
    sourceReply(
      scaffoldFiles(findTemplate(id)!, 'demo-app', { 'project-description': '', 'http-path': '/...', 'enable-aot': 'N' }).map((f) => ({
        path: f.path,
        text: f.content,
      })),
    );
  it.each([
    ['http-rust', 'Hello, Fermyon', 'src/lib.rs'],
    ['http-go', 'Hello from Go!\n', 'main.go'],
    ['http-ts', 'Hello from TypeScript!', 'src/index.ts'],
    ['http-js', 'Hello from JavaScript!', 'src/index.js'],
    ['http-py', 'Hello from Python!', 'app.py'],
  ])('%s answers %j (from %s)', (id, body, path) => {
    expect(reply(id)).toEqual({ body, contentType: 'text/plain', path });
  });

  it('gives up on a handler without one literal reply', () => {
    expect(sourceReply([{ path: 'src/lib.rs', text: 'fn h() { let s = format!("{}", 1); Response::builder().body(s) }' }])).toBeNull();
    expect(sourceReply([{ path: 'src/lib.rs', text: 'a.body("x"); b.body("y");' }])).toBeNull();
    expect(sourceReply([{ path: 'src/lib.rs', text: '// .body("commented out")' }])).toBeNull();
  });
});

describe('replyModule', () => {
  const wasm = replyModule('text/plain', 'Hello, "Fermyon" ✓\n');

  it('is a valid WASI command whose stdout is the WAGI reply (node:wasi agrees)', async () => {
    expect(WebAssembly.validate(wasm)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'reply-'));
    const out = join(dir, 'out');
    const fd = openSync(out, 'w');
    const wasi = new WASI({ version: 'preview1', stdout: fd, returnOnExit: true });
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(wasm), wasi.getImportObject() as WebAssembly.Imports);
    expect(wasi.start(instance)).toBe(0);
    closeSync(fd);
    expect(readFileSync(out, 'utf8')).toBe('content-type: text/plain\n\nHello, "Fermyon" ✓\n');
  });

  it('runs the same in the Dojo engine', async () => {
    const engine = new WasmerEngine();
    await engine.ready();
    const chunks: Uint8Array[] = [];
    const result = await engine.run(
      { wasm, args: ['reply'], env: [], preopens: [], image: { dirs: [], files: [] }, stdin: new Uint8Array() },
      { onStdout: (b) => chunks.push(b.slice()), onStderr: () => {} },
    );
    expect(result.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(Buffer.concat(chunks).toString()).toBe('content-type: text/plain\n\nHello, "Fermyon" ✓\n');
  });
});

/**
 * `tinygo build` through the whole product: the build checks, the shared stand-in build, and the
 * module it places really running under wasmtime.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../../../test/support/dojo';
import { STAND_INS } from '../../toolchain/stand-in-build';

const HELLO = STAND_INS.go.find((g) => g.module === 'hello')!.text;

async function dojoWith(files: Record<string, string>) {
  const dojo = await makeDojo({ lessons: false, tty: false });
  for (const [path, text] of Object.entries(files)) dojo.fs.writeFile(`/home/learner/${path}`, text);
  return dojo;
}

describe('tinygo build', () => {
  it('places the precompiled hello module for our Go hello, and wasmtime runs it', async () => {
    const dojo = await dojoWith({ 'main.go': HELLO });
    const build = await dojo.type('tinygo build -o app.wasm -target=wasip1 main.go');
    expect(build.status).toBe(0);
    expect(build.stdout).toBe('');
    expect(build.stderr).toBe(
      'dojo: simulated build, nothing was compiled: app.wasm <- the precompiled hello module (your main.go is modules/go/hello/main.go)\n',
    );
    expect(await dojo.type('wasmtime app.wasm')).toMatchObject({ status: 0, stdout: 'Hello, world!\n' });
  });

  it('-target=wasi is today an alias of wasip1, and the line says so', async () => {
    const dojo = await dojoWith({ 'main.go': 'package main; import "fmt"; func main() { fmt.Println("Hello, world!") }' });
    const build = await dojo.type('tinygo build -o main.wasm -target=wasi main.go');
    expect(build.status).toBe(0);
    expect(build.stderr).toMatch(/main\.wasm <- the precompiled hello module .*-target=wasi is an alias of wasip1 today\n$/);
    expect(build.stderr.match(/^dojo: /gm)).toHaveLength(1);
  });

  it('an edited greeting gives a module that prints the new text, said plainly', async () => {
    const dojo = await dojoWith({ 'main.go': HELLO.replace('Println("Hello, world!")', 'Println("Hello, Dojo!")') });
    const build = await dojo.type('tinygo build -o app.wasm -target=wasip1 main.go');
    expect(build.status).toBe(0);
    expect(build.stderr).toContain('a module that prints the fixed text your main prints ("Hello, Dojo!\\n"); only that text comes from your code');
    expect((await dojo.type('wasmtime app.wasm')).stdout).toBe('Hello, Dojo!\n');
  });

  it('a program the Dojo cannot stand in for writes nothing and says so', async () => {
    const dojo = await dojoWith({ 'main.go': 'package main\nimport "fmt"\nfunc main() {\n\tfor i := 0; i < 3; i++ { fmt.Println(i) }\n}\n' });
    const build = await dojo.type('tinygo build -o app.wasm -target=wasip1 main.go');
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/^dojo: simulated build: main\.go is none of the Go programs the Dojo has precompiled .*nothing was written\.\n$/);
    expect(dojo.fs.exists('/home/learner/app.wasm')).toBe(false);
  });

  it('the upper program streams stdin through the precompiled upper module', async () => {
    const dojo = await dojoWith({ 'upper.go': STAND_INS.go.find((g) => g.module === 'upper')!.text });
    expect((await dojo.type('tinygo build -target=wasip2 upper.go')).stderr).toContain('upper.wasm <- the precompiled upper module');
    expect((await dojo.type('echo shout | wasmtime upper.wasm')).stdout).toBe('SHOUT\n');
  });

  it('refuses what it cannot stand in for: a library package, a board, a missing output directory', async () => {
    const dojo = await dojoWith({ 'lib.go': 'package lib\nfunc F() {}\n', 'main.go': HELLO });
    expect(await dojo.type('tinygo build -o l.wasm -target=wasip1 lib.go')).toMatchObject({
      status: 1,
      stderr: 'package command-line-arguments is not a main package\n',
    });
    expect(await dojo.type('tinygo build -o out/app.wasm -target=wasip1 main.go')).toMatchObject({
      status: 1,
      stderr: 'open out/app.wasm: no such file or directory\n',
    });
    const board = await dojo.type('tinygo build -o app.hex -target=pico main.go');
    expect(board.status).toBe(1);
    expect(board.stderr).toMatch(/^dojo: the Dojo simulates TinyGo builds for WASI only/);
  });

  it('inside a module, a missing main.go is an import path go cannot find', async () => {
    const dojo = await dojoWith({ 'go.mod': 'module example.com/app\n\ngo 1.22\n' });
    expect(await dojo.type('tinygo build -o x.wasm -target=wasip1 main.go')).toMatchObject({
      status: 1,
      stderr: 'no required module provides package main.go; to add it:\n\tgo get main.go\n',
    });
  });

  it('lists targets including the WASI ones', async () => {
    const dojo = await dojoWith({});
    const r = await dojo.type('tinygo targets');
    expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['wasi', 'wasip1', 'wasip2', 'wasm', 'wasm-unknown']));
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([...r.stdout.split('\n').filter(Boolean)].sort());
  });
});

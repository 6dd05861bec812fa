/**
 * node:wasi as an independent oracle: the same module with the same grants, but against a real
 * temp directory on disk. Runs are kept few (on Node 20, node:wasi segfaulted after hundreds
 * of Rust runs in one process) and each gets fresh stdout/stderr fds.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WASI } from 'node:wasi';

export interface OracleRun {
  stdout: string;
  stderr: string;
  /** Exit code, or 'trap' when the guest trapped. */
  exit: number | 'trap';
  /** Files under each preopen after the run, guest path → text. */
  files: Record<string, string>;
}

export interface OracleGrant {
  guestPath: string;
  files: Record<string, string>;
}

export async function runOracle(
  wasm: Uint8Array,
  opts: { args: string[]; env?: Record<string, string>; grants?: OracleGrant[]; stdin?: string },
): Promise<OracleRun> {
  const work = mkdtempSync(join(tmpdir(), 'dojo-oracle-'));
  try {
    const preopens: Record<string, string> = {};
    for (const [i, g] of (opts.grants ?? []).entries()) {
      const hostDir = join(work, `grant${i}`);
      mkdirSync(hostDir, { recursive: true });
      for (const [rel, text] of Object.entries(g.files)) {
        mkdirSync(dirname(join(hostDir, rel)), { recursive: true });
        writeFileSync(join(hostDir, rel), text);
      }
      preopens[g.guestPath] = hostDir;
    }
    const stdinPath = join(work, 'stdin');
    writeFileSync(stdinPath, opts.stdin ?? '');
    const stdin = openSync(stdinPath, 'r');
    const stdout = openSync(join(work, 'stdout'), 'w');
    const stderr = openSync(join(work, 'stderr'), 'w');
    let exit: number | 'trap';
    try {
      const wasi = new WASI({
        version: 'preview1',
        args: opts.args,
        env: opts.env ?? {},
        preopens,
        stdin,
        stdout,
        stderr,
        returnOnExit: true,
      });
      const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
      try {
        exit = wasi.start(instance);
      } catch (err) {
        if (!(err instanceof WebAssembly.RuntimeError)) throw err;
        exit = 'trap';
      }
    } finally {
      closeSync(stdin);
      closeSync(stdout);
      closeSync(stderr);
    }
    const files: Record<string, string> = {};
    for (const [i, g] of (opts.grants ?? []).entries()) {
      const hostDir = join(work, `grant${i}`);
      for (const name of readdirRecursive(hostDir)) files[`${g.guestPath}/${name}`] = readFileSync(join(hostDir, name), 'utf8');
    }
    return {
      stdout: readFileSync(join(work, 'stdout'), 'utf8'),
      stderr: readFileSync(join(work, 'stderr'), 'utf8'),
      exit,
      files,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

import { readdirSync, statSync } from 'node:fs';
function readdirRecursive(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...readdirRecursive(full, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

/**
 * The default workspace: what a first visit and `dojo reset` give the learner.
 * Only text lives here; the precompiled .wasm modules are added at boot from
 * public/modules/manifest.json by the runtime's loader.
 */
import { MemoryFs } from './memory-fs';

export const HOME = '/home/learner';
export const MODULES_DIR = `${HOME}/modules`;

const README = `Welcome to Wasm Dojo.

This is your machine: files you create here stay after a reload.
  /data         files a Wasm module may read, if you grant it (--dir)
  ~/modules     precompiled WebAssembly modules to run with wasmtime

Type 'help' for the commands, 'dojo reset' to start over.
`;

/** Matches the primer's file-access pattern: a guest reads /data/config.json only when the host grants /data. */
export const SEED_CONFIG = {
  service: 'greeter',
  greeting: 'Hello from Wasm!',
  port: 3000,
  log_level: 'info',
  features: { metrics: true, tracing: false },
};

const OS_RELEASE = `PRETTY_NAME="Wasm Dojo (simulated Linux)"
NAME="Wasm Dojo"
ID=dojo
VERSION_ID="1"
HOME_URL="https://github.com/"
`;

/** Writes the text seed into `fs` (which should be empty); idempotent for directories. */
export function seedWorkspace(fs: MemoryFs): void {
  fs.installDevices();
  for (const dir of [HOME, MODULES_DIR, '/data', '/etc', '/tmp']) fs.mkdir(dir, { recursive: true });
  fs.writeFile(`${HOME}/README.txt`, README);
  fs.writeFile('/data/config.json', JSON.stringify(SEED_CONFIG, null, 2) + '\n');
  fs.writeFile('/etc/hostname', 'dojo\n');
  fs.writeFile('/etc/os-release', OS_RELEASE);
}

export function createSeededFs(): MemoryFs {
  const fs = new MemoryFs();
  seedWorkspace(fs);
  return fs;
}

/** `dojo reset`: wipes the tree in place (listeners such as persistence stay attached) and re-seeds it. */
export function resetToSeed(fs: MemoryFs): void {
  fs.clear();
  seedWorkspace(fs);
}

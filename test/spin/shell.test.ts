/**
 * Through the real Shell (parser, executor, builtins): the E2E sequence as a learner types it,
 * with the background server writing its logs after `spin up` returned.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltins } from '../../src/commands/builtins';
import { curlCommand } from '../../src/commands/curl';
import { registerSpin } from '../../src/commands/spin';
import { MemoryFs } from '../../src/fs/memory-fs';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { MapCommandRegistry } from '../../src/shell/registry';
import { Shell } from '../../src/shell/shell';
import type { TerminalIO } from '../../src/shell/types';
import { moduleFile } from './rig';
import { createMachine } from '../../src/machine/services';
import { markInstalled } from '../../src/toolchain/rust';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());
const machines: Array<ReturnType<typeof createMachine>> = [];
afterEach(() => machines.splice(0).forEach((m) => m.jobs.stopAll()));

function setup() {
  const fs = new MemoryFs();
  fs.mkdir('/home/learner/modules', { recursive: true });
  for (const m of ['wagi-hello', 'wagi-outbound']) fs.writeFile(`/home/learner/modules/${m}.wasm`, moduleFile(m));
  markInstalled(fs, '/home/learner', 'wasm32-wasip1');
  const registry = new MapCommandRegistry();
  registerBuiltins(registry);
  registerSpin(registry);
  registry.register(curlCommand);
  const machine = createMachine();
  machines.push(machine);
  const shell = new Shell({ fs, registry, services: { machine, engine }, home: '/home/learner' });
  let out = '';
  const dec = new TextDecoder();
  const io: TerminalIO = {
    stdout: { write: (d) => void (out += typeof d === 'string' ? d : dec.decode(d)), isTTY: true },
    stderr: { write: (d) => void (out += typeof d === 'string' ? d : dec.decode(d)), isTTY: true },
    prompt: async () => null,
  };
  const run = async (line: string) => {
    out = '';
    const code = await shell.execute(line, io, new AbortController().signal);
    return { code, out };
  };
  return { fs, shell, run, output: () => out };
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('learner session through the Shell', () => {
  it("from a subfolder, build-then-act commands say once that they use the parent's spin.toml", async () => {
    const { run } = setup();
    await run('spin new -t http-rust my-api --accept-defaults && mkdir my-api/src/deep && cd my-api/src/deep');
    const note = "No 'spin.toml' in current directory. Using 'spin.toml' from grandparent directory (../../spin.toml)";
    for (const line of ['spin build', 'spin deploy --build', 'spin registry push --build localhost:5000/my-api:v1', 'spin up --build']) {
      const r = await run(line);
      expect(strip(r.out).split(note).length - 1, line).toBe(1);
      if (line.startsWith('spin up')) await run('kill %1');
    }
  });

  it('spin new && cd && spin build && spin up, then curl', async () => {
    const { run, output } = setup();
    const r = await run('spin new -t http-rust my-api --accept-defaults && cd my-api && spin build && spin up');
    expect(r.code).toBe(0);
    expect(strip(r.out)).toContain('Serving http://127.0.0.1:3000\nAvailable Routes:\n  my-api: http://127.0.0.1:3000 (wildcard)\n');
    const c = await run('curl http://127.0.0.1:3000/hello');
    expect(c).toMatchObject({ code: 0 });
    // The scaffold's own reply (src/lib.rs: `.body("Hello, Fermyon")`), not a stand-in's text.
    expect(c.out).toContain('Hello, Fermyon');
    const piped = await run('curl -s localhost:3000/a | cat');
    expect(piped.out).toBe('Hello, Fermyon');
    expect((await run('jobs')).out).toMatch(/^\[1\]\+ {2}Running {17}spin up &\n$/);
    expect((await run('kill %1')).code).toBe(0);
    const refused = await run('curl 127.0.0.1:3000');
    expect(refused).toEqual({ code: 7, out: "curl: (7) Failed to connect to 127.0.0.1 port 3000 after 0 ms: Couldn't connect to server\n" });
    void output;
  });
});

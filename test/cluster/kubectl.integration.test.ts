/** kubectl behaviours that need the whole product: watch until Ctrl-C, dojo reset, persistence, completion. */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../support/dojo';
import { memStorage } from '../support/storage';

describe('kubectl in the Dojo', () => {
  it('get -w prints a row per change and ends on Ctrl-C with 130', async () => {
    const d = await makeDojo({ lessons: false, tty: false });
    await d.type('kubectl get ns');
    const ctl = new AbortController();
    const watching = d.type('kubectl get ns -w', { signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 50));
    await d.type('kubectl create namespace watched');
    await new Promise((r) => setTimeout(r, 100));
    ctl.abort();
    const r = await watching;
    expect(r.status).toBe(130);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(r.stdout).toMatch(/\nwatched\s+Active\s+\d+s\n/);
  });

  it('dojo reset brings back a fresh cluster', async () => {
    const d = await makeDojo({ lessons: false, tty: false });
    await d.type('kubectl create namespace keepme');
    expect((await d.type('kubectl get ns keepme')).status).toBe(0);
    await d.type('dojo reset -y');
    const r = await d.type('kubectl get ns keepme');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): namespaces "keepme" not found\n');
  });

  it('the cluster is kept across a reload (the same storage, a new Dojo)', async () => {
    const storage = memStorage();
    const a = await makeDojo({ lessons: false, tty: false, storage });
    await a.type('kubectl create namespace kept');
    // Saves are debounced: wait until the stored document has it.
    for (let i = 0; i < 100 && !(storage.map.get('wasm-dojo:cluster') ?? '').includes('"kept"'); i++) await new Promise((r) => setTimeout(r, 50));
    const b = await makeDojo({ lessons: false, tty: false, storage });
    expect((await b.type('kubectl get ns kept -o name')).stdout).toBe('namespace/kept\n');
  });

  it('a corrupt saved cluster is set aside, said once, and the cluster starts fresh', async () => {
    const storage = memStorage();
    await storage.setItem('wasm-dojo:cluster', '{"format":"wasm-dojo/cluster","version":1,"savedAt":1,"data":{"rv":"x"}}');
    const d = await makeDojo({ lessons: false, tty: false, storage });
    const r = await d.type('kubectl get ns default -o name');
    expect(r.stdout).toBe('namespace/default\n');
    expect(r.stderr).toMatch(/cluster/);
    expect((await d.type('kubectl get ns default -o name')).stderr).toBe('');
  });

  it('Tab completes subcommands, resource types and object names', async () => {
    const d = await makeDojo({ lessons: false, tty: false });
    await d.type('kubectl create namespace completed');
    const at = (line: string) => d.terminalShell.complete(line, line.length).candidates;
    expect(at('kubectl po')).toContain('port-forward');
    expect(at('kubectl get spin')).toEqual(['spinappexecutors', 'spinapps']);
    expect(at('kubectl get namespaces comp')).toEqual(['completed']);
  });
});

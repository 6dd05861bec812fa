/** `dojo bench` through the product's own wiring (makeDojo) and the real in-process engine. */
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/lab/csv';
import { labStoreOf } from '../../src/lab/store';
import { strip } from '../../src/lib/ansi';
import { makeDojo } from '../support/dojo';

describe('dojo bench', () => {
  it('prints a hyperfine-like summary of 20 runs and keeps the race for the Lab', async () => {
    const d = await makeDojo({ lessons: false });
    const r = await d.type('dojo bench -n 20 hello.wasm', { tty: false });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Benchmark 1: hello.wasm');
    expect(lines[1]).toMatch(
      /^ {2}Time \(mean ± σ\): {5}[ \d.]{4,}\d (µs|ms) ± [ \d.]{4,}\d \1 {4}\[Compile: [\d.]+ \1, Instantiate: [\d.]+ \1, Run: [\d.]+ \1\]$/,
    );
    expect(lines[2]).toMatch(/^ {2}Range \(min … max\): {3}[ \d.]{4,}\d (µs|ms) … [ \d.]{4,}\d \1 {4}20 runs$/);
    expect(lines[3]).toBe(' ');
    expect(lines[4]).toMatch(/^dojo: end to end = request to the engine → result; the first run compiled cold in [\d.]+ (µs|ms)/);
    // hello's own output is not shown, as hyperfine hides it.
    expect(r.stdout).not.toContain('Hello, world!');
    const race = labStoreOf(d.services).latest('hello')!;
    expect(race.records).toHaveLength(20);
    expect(race.source).toBe('bench');
    // The numbers printed are the race's: the mean matches.
    const mean = race.records.reduce((a, x) => a + x.endToEndMs, 0) / 20;
    const printed = /Time \(mean ± σ\):\s+([\d.]+) (µs|ms)/.exec(lines[1]!)!;
    expect(Number(printed[1]) * (printed[2] === 'µs' ? 0.001 : 1)).toBeCloseTo(mean, 1);
  });

  it('on a terminal: colours as hyperfine, a progress line cleared before the summary', async () => {
    const d = await makeDojo({ lessons: false });
    const r = await d.type('dojo bench --runs 3 --warmup 2 hello.wasm');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\x1b[1mBenchmark 1:\x1b[0m hello.wasm');
    expect(r.stdout).toContain('\x1b[32m\x1b[1mmean\x1b[0m ± \x1b[32mσ\x1b[0m');
    expect(r.stdout).toContain('Performing warmup runs');
    expect(r.stdout).toContain('\r\x1b[2K');
    expect(strip(r.stdout)).toMatch(/3 runs\n/);
    expect(
      labStoreOf(d.services)
        .latest('hello.wasm')!
        .records.map((x) => x.warmup),
    ).toEqual([true, true, false, false, false]);
  });

  it('a single run prints the "abs ≡" line; module arguments reach the module', async () => {
    const d = await makeDojo({ lessons: false });
    const r = await d.type('dojo bench -n 1 modules/args-echo.wasm one two', { tty: false });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Benchmark 1: modules\/args-echo\.wasm one two\n {2}Time \(abs ≡\): {8}/);
    expect(r.stdout).not.toContain('Range');
  });

  it("a failing module stops the race with hyperfine's error; -i keeps going", async () => {
    const d = await makeDojo({ lessons: false });
    const r = await d.type('dojo bench -n 5 modules/exit-with.wasm 3', { tty: false });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "Error: Command terminated with non-zero exit code: 3. Use the '-i'/'--ignore-failure' option if you want to ignore this. Alternatively, use the '--show-output' option to debug what went wrong.\n",
    );
    const i = await d.type('dojo bench -n 3 -i modules/exit-with.wasm 3', { tty: false });
    expect(i.status).toBe(0);
    expect(i.stdout).toContain('3 runs');
    expect(i.stderr).toContain('Warning: Ignoring non-zero exit code.');
    const trap = await d.type('dojo bench -n 3 modules/trap.wasm', { tty: false });
    expect(trap.status).toBe(1);
    expect(trap.stderr).toMatch(
      /^Error: The process has been terminated by a signal\..*\ndojo: the module ended with: wasm `unreachable` instruction executed\n$/s,
    );
  });

  it('--export-csv writes every run, and the file reads back', async () => {
    const d = await makeDojo({ lessons: false });
    const r = await d.type('dojo bench -n 4 -w 1 --export-csv race.csv hello.wasm', { tty: false });
    expect(r.status).toBe(0);
    const csv = fromCsv(new TextDecoder().decode(d.fs.readFile('/home/learner/race.csv')));
    expect(csv.label).toBe('hello.wasm');
    expect(csv.records).toEqual(labStoreOf(d.services).latest('hello')!.records);
    expect(csv.records).toHaveLength(5);
  });

  it('bad input gets clap-style errors, a missing module a clear one', async () => {
    const d = await makeDojo({ lessons: false });
    const a = await d.type('dojo bench -n zero hello.wasm', { tty: false });
    expect(a).toMatchObject({ status: 2 });
    expect(a.stderr).toBe("error: invalid value 'zero' for '--runs <NUM>': invalid digit found in string\n\nFor more information, try '--help'.\n");
    const b = await d.type('dojo bench -n 0 hello.wasm', { tty: false });
    expect(b.stderr).toContain("invalid value '0' for '--runs <NUM>': must be between 1 and 10000");
    const c = await d.type('dojo bench nothere.wasm', { tty: false });
    expect(c).toMatchObject({ status: 1, stderr: 'dojo bench: nothere.wasm: No such file or directory\n' });
    const e = await d.type('dojo bench --fast hello.wasm', { tty: false });
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/^error: unexpected argument '--fast' found/);
    const f = await d.type('dojo bench', { tty: false });
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/required/);
    d.fs.writeFile('/home/learner/junk.wasm', new Uint8Array([0x67, 0x61, 0xff, 0xfe, 0x00]));
    const g = await d.type('dojo bench junk.wasm', { tty: false });
    expect(g).toMatchObject({ status: 1, stderr: 'dojo bench: junk.wasm is not a WebAssembly module\n' });
    const h = await d.type('dojo bench --help', { tty: false });
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^Start a WebAssembly module many times.*\n\nUsage: dojo bench \[OPTIONS\] <MODULE> \[ARGS\]\.\.\./);
  });

  it('Ctrl-C ends a long race with 130 and keeps the runs so far', async () => {
    const d = await makeDojo({ lessons: false });
    // The command's chunk is loaded on first use: load it first, so the race is under way below.
    await d.type('dojo bench -n 1 hello.wasm', { tty: false });
    const controller = new AbortController();
    const running = d.type('dojo bench -n 10000 hello.wasm', { tty: false, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const r = await running;
    expect(r.status).toBe(130);
    const kept = labStoreOf(d.services).latest('hello')!.records.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(10000);
  });
});

/**
 * The differential suite: every case in test/differential/corpus/*.txt runs twice, typed line by
 * line into a fresh Dojo (as the terminal sends them: a line that leaves a quote, a `\` or a
 * here-doc open reads on) and as one script through the machine's own `bash --norc --noprofile`, in
 * a fresh temporary directory holding a copy of the Dojo's seeded home. Their stdout, stderr (bash's
 * `bash: line N: ` read as our `dojo: `) and exit status must be the same, unless the case says
 * `#! differs: <reason>`; those reasons are the intended differences, kept in
 * test/differential/DIFFERENCES.md (regenerate it with `DIFFERENTIAL_WRITE=1 npx vitest run
 * test/differential`).
 *
 * Both sides run without a terminal (bash's stdout here is a pipe), in the C.UTF-8 locale and UTC.
 * Where bash is missing, the suite says it skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDojo, type DojoRig } from '../support/dojo';
import { HOME } from '../../src/fs/seed';
import type { CommandSoFar } from '../../src/shell/continuation';
import { normaliseBashVoice, parseCorpus, type CorpusCase } from './corpus-format';

const HERE = new URL('.', import.meta.url).pathname;
const CORPUS_DIR = join(HERE, 'corpus');
const DIFFERENCES_FILE = join(HERE, 'DIFFERENCES.md');
/** Per line in the Dojo, per case in bash: a case that takes longer is a hang, reported as one. */
const LINE_TIMEOUT_MS = 10_000;

function findBash(): string | null {
  const probe = spawnSync('bash', ['--norc', '--noprofile', '-c', 'echo "$BASH_VERSION"'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

const BASH_VERSION = findBash();
const CASES: CorpusCase[] = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => parseCorpus(f, readFileSync(join(CORPUS_DIR, f), 'utf8')));

interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

/** Copies the Dojo's tree under `from` (its seeded home) onto the disk at `to`, keeping file times. */
function writeTree(dojo: DojoRig, from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of dojo.fs.readdir(from)) {
    const src = `${from}/${name}`;
    const dst = join(to, name);
    const st = dojo.fs.lstat(src);
    if (!st) continue;
    if (st.kind === 'dir') writeTree(dojo, src, dst);
    else if (st.kind === 'file') writeFileSync(dst, dojo.fs.readFile(src));
    else if (st.kind === 'symlink') symlinkSync(st.target ?? '', dst);
    if (st.kind !== 'symlink') utimesSync(dst, st.mtimeMs / 1000, st.mtimeMs / 1000);
  }
  const st = dojo.fs.stat(from);
  if (st) utimesSync(to, st.mtimeMs / 1000, st.mtimeMs / 1000);
}

async function runInDojo(dojo: DojoRig, lines: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  let status = 0;
  let continued: CommandSoFar | undefined;
  for (const typed of lines) {
    const read = dojo.terminalShell.readLine?.(typed, continued);
    if (read?.why) {
      continued = read;
      continue;
    }
    continued = undefined;
    const line = read?.text ?? typed;
    if (line.trim() === '') continue;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), LINE_TIMEOUT_MS);
    try {
      const r = await dojo.type(line, { tty: false, signal: ac.signal });
      stdout += r.stdout;
      stderr += r.stderr;
      status = r.status;
    } finally {
      clearTimeout(timer);
    }
    if (ac.signal.aborted) throw new Error(`the Dojo took more than ${LINE_TIMEOUT_MS} ms on: ${line}`);
  }
  if (continued) throw new Error(`the case ends inside an unfinished command (${continued.why}): ${continued.text}`);
  return { stdout, stderr, status };
}

function runInBash(dir: string, lines: string[]): Outcome {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', lines.join('\n')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: LINE_TIMEOUT_MS,
    env: {
      HOME: dir,
      USER: 'learner',
      LOGNAME: 'learner',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      PWD: dir,
      LC_ALL: 'C.UTF-8',
      TZ: 'UTC',
      TERM: 'dumb',
    },
  });
  if (r.error) throw new Error(`bash did not finish: ${r.error.message}`);
  // The temporary home stands for /home/learner: paths bash prints are read as the Dojo's.
  const home = (s: string) => s.split(dir).join(HOME);
  return { stdout: home(r.stdout), stderr: home(normaliseBashVoice(r.stderr)), status: r.status ?? 128 };
}

const results: Array<{ c: CorpusCase; same: boolean }> = [];

describe.skipIf(!BASH_VERSION)(
  BASH_VERSION ? `differential: the Dojo's shell against bash ${BASH_VERSION}` : 'differential: SKIPPED, no bash on this machine',
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'dojo-differential-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('reads a corpus of cases, each with lines to run', () => {
      expect(CASES.length).toBeGreaterThan(0);
      for (const c of CASES) expect(c.lines.length, `${c.file}:${c.line}`).toBeGreaterThan(0);
    });

    for (const c of CASES) {
      const title = `${c.file} · ${c.name}${c.differs ? ` (differs: ${c.differs})` : ''}`;
      it(title, async () => {
        const dojo = await makeDojo({ lessons: false, tty: false });
        const dir = realpathSync(mkdtempSync(join(scratch, 'case-')));
        writeTree(dojo, HOME, dir);
        const bash = runInBash(dir, c.lines);
        const ours = await runInDojo(dojo, c.lines);
        const same = ours.stdout === bash.stdout && ours.stderr === bash.stderr && ours.status === bash.status;
        results.push({ c, same });
        if (c.differs) return;
        const where = `${c.file}:${c.line} ${c.name}\n${c.lines.join('\n')}`;
        expect({ ...ours }, where).toEqual({ ...bash });
      });
    }

    it('lists every intended difference in DIFFERENCES.md', () => {
      const text = differencesMarkdown(CASES);
      if (process.env.DIFFERENTIAL_WRITE) writeFileSync(DIFFERENCES_FILE, text);
      const onDisk = (() => {
        try {
          return readFileSync(DIFFERENCES_FILE, 'utf8');
        } catch {
          return '';
        }
      })();
      expect(onDisk, 'run DIFFERENTIAL_WRITE=1 npx vitest run test/differential to update it').toBe(text);
    });
  },
);

/** The README's table of intended differences: one row per `#! differs:` case. */
function differencesMarkdown(cases: CorpusCase[]): string {
  const rows = cases.filter((c) => c.differs).map((c) => `| \`${c.file}\` | ${c.name} | ${c.differs!.replace(/\|/g, '\\|')} |`);
  return [
    '# Intended differences from bash',
    '',
    'Generated from the `#! differs:` lines of test/differential/corpus/*.txt by differential.test.ts',
    '(`DIFFERENTIAL_WRITE=1 npx vitest run test/differential`); the suite fails when this file is stale.',
    '',
    '| corpus | case | why the Dojo differs |',
    '| --- | --- | --- |',
    ...(rows.length ? rows : ['| — | — | none yet |']),
    '',
  ].join('\n');
}

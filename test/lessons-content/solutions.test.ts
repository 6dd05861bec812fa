/**
 * Content check for every lesson under lessons/: a learner who types each step's reference solution
 * must see every step pass, with the real shell, the real runtime commands, the real engine and the
 * real precompiled modules. A failure here means a lesson teaches something the Dojo does not do
 * (a wrong flag, a wrong expected output, a check that can never pass) — exactly what a schema test
 * cannot see.
 *
 * A solution that names a command the shell does not know fails the test: a lesson must never
 * teach a tool the Dojo lacks, and a renamed export must not let its lessons pass unrun.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { isQuizCheck } from '../../src/lessons/checks/quiz';
import { engine } from '../support/modules';
import { makeDojo } from '../support/dojo';

/**
 * The product's own wiring (createDojo), on a sink that is not a terminal (output piped): the same
 * lessons are typed on a TTY in solutions-tty.test.ts, as the browser's terminal is one.
 */
async function boot() {
  const d = await makeDojo({ tty: false });
  return {
    fs: d.fs,
    registry: d.registry,
    sys: d.lessonSystem,
    async type(line: string) {
      const r = await d.type(line, { answers: ['y'] });
      return { status: r.status, out: r.stdout, err: r.stderr };
    },
  };
}

const catalog = loadCatalog();

beforeAll(async () => {
  await engine.ready();
});

describe('every lesson can be completed with its reference solutions', () => {
  it('the catalogue has no format problems', () => {
    expect(catalog.issues).toEqual([]);
  });

  for (const lesson of catalog.lessons) {
    it(`${lesson.id}: each step passes with its solution`, async () => {
      const b = await boot();
      const open = await b.type(`lesson ${lesson.id}`);
      expect(open.status, open.err).toBe(0);
      const transcript: string[] = [];
      for (const step of lesson.steps) {
        const commands = step.solution?.commands ?? [];
        const missing = commands.map((c) => c.trim().split(/\s+/)[0] ?? '').filter((tool) => tool && !b.registry.get(tool) && tool !== 'answer');
        expect(missing, `${lesson.id}/${step.id}: its solution needs commands the Dojo does not have`).toEqual([]);
        for (const line of commands) {
          const r = await b.type(line);
          transcript.push(`$ ${line}  [${r.status}]\n${r.out}${r.err}`);
        }
        // Quiz steps whose solution is only an explanation: answer with the reference answer.
        for (const check of step.checks) {
          if (isQuizCheck(check) && b.sys.runtime.currentStep()?.id === step.id) {
            const r = await b.type(`answer ${check.answer[0]}`);
            transcript.push(`$ answer ${check.answer[0]}  [${r.status}]\n${r.out}${r.err}`);
          }
        }
        if (b.sys.runtime.currentStep()?.id === step.id) {
          const r = await b.type('check');
          transcript.push(`$ check\n${r.out}${r.err}`);
        }
        const state = b.sys.store.getState().progress.lessons[lesson.id]?.steps[step.id]?.status;
        expect(state, `${lesson.id}/${step.id} did not pass:\n${transcript.join('\n')}`).toBe('passed');
      }
      if (process.env.LESSON_TRANSCRIPT === lesson.id) console.log(transcript.join("\n"));
      expect(b.sys.store.getState().progress.lessons[lesson.id]?.completedAt).toBeTypeOf('number');
    });
  }
});

/** Plays a lesson's reference solutions up to (not including) `stepId`. */
async function reach(b: Awaited<ReturnType<typeof boot>>, lessonId: string, stepId: string): Promise<void> {
  const lesson = catalog.lessons.find((l) => l.id === lessonId);
  if (!lesson) throw new Error(`no lesson ${lessonId}`);
  await b.type(`lesson ${lessonId}`);
  for (const step of lesson.steps) {
    if (step.id === stepId) break;
    for (const line of step.solution?.commands ?? []) await b.type(line);
    for (const check of step.checks) if (isQuizCheck(check) && b.sys.runtime.currentStep()?.id === step.id) await b.type(`answer ${check.answer[0]}`);
  }
  expect(b.sys.runtime.currentStep()?.id).toBe(stepId);
}

describe('wrong attempts do not pass, and the feedback names the problem', () => {
  const cases: Array<{ lesson: string; step: string; line: string; says?: string[] }> = [
    { lesson: 'nothing-by-default', step: 'needs-a-directory', line: 'wasmtime --dir /data modules/config-reader.wasm' },
    { lesson: 'containers-vs-wasm', step: 'env-stays-home', line: 'wasmtime run --env API_TOKEN=x modules/env-reader.wasm API_TOKEN' },
    { lesson: 'run-with-wasmtime', step: 'flags-after-the-module', line: 'wasmtime run --dir /data modules/args-echo.wasm' },
    {
      lesson: 'least-privilege-env',
      step: 'cut-it-down',
      line: 'wasmtime run -S inherit-env --env LOG_LEVEL=debug --env DEBUG=1 modules/env-reader.wasm LOG_LEVEL',
      says: ['--env DEBUG=1', 'inherit-env'],
    },
    { lesson: 'least-privilege-dir', step: 'narrow-it', line: 'wasmtime run --dir site::/ modules/config-reader.wasm', says: ['only opened files under `/data`'] },
    { lesson: 'least-privilege-dir', step: 'narrow-it', line: 'wasmtime run --dir site/data::/data --dir /tmp modules/config-reader.wasm', says: ['--dir /tmp'] },
    {
      lesson: 'least-privilege-dir',
      step: 'narrow-it',
      line: 'wasmtime run --dir site::/ --dir site/data::/data modules/config-reader.wasm',
      says: ['remove `--dir site::/`; keep `--dir site/data::/data`'],
    },
    { lesson: 'file-access-pattern', step: 'run-it', line: 'wasmtime run --dir app::/data --env MODE=x modules/config-reader.wasm', says: ['--env MODE=x'] },
    { lesson: 'contain-escape-artist', step: 'contain', line: 'wasmtime run modules/escape-artist.wasm' },
    { lesson: 'wasmedge-dir', step: 'guest-first', line: 'wasmedge --dir edge:/data modules/config-reader.wasm' },
    { lesson: 'wasmedge-dir', step: 'guest-first', line: 'wasmedge --dir /:/ modules/config-reader.wasm' },
    { lesson: 'contain-escape-artist', step: 'contain', line: 'wasmtime run -S inherit-env --dir /data modules/escape-artist.wasm' },
  ];
  for (const c of cases) {
    it(`${c.lesson}/${c.step} refuses \`${c.line}\``, async () => {
      const b = await boot();
      await reach(b, c.lesson, c.step);
      const r = await b.type(c.line);
      expect(b.sys.runtime.currentStep()?.id, r.out).toBe(c.step);
      for (const text of c.says ?? []) expect(r.out + r.err).toContain(text);
    });
  }
});

/**
 * The grader reads what the shell ran (its exec events), never the typed text re-split: a
 * redirect, a pipe, `$VAR`, `VAR=x cmd` or a quoted path must not change its verdict. The first
 * line passed `narrow-it` when the line was re-split with shell-quote (`2>` became the word `2`,
 * which then looked like the module, so no grant was seen at all).
 */
describe('least-privilege-dir/narrow-it grades what ran, whatever the line looks like', () => {
  const refused = [
    'wasmtime run 2>err.txt --dir site/data::/data --dir /tmp modules/config-reader.wasm',
    'echo x | wasmtime run --dir site/data::/data --dir /tmp modules/config-reader.wasm',
    'T=/tmp; wasmtime run --dir site/data::/data --dir $T modules/config-reader.wasm',
    'LOG=1 wasmtime run --dir site/data::/data --dir /tmp modules/config-reader.wasm',
    'mkdir -p "my tmp" && wasmtime run --dir site/data::/data --dir "my tmp::/scratch" modules/config-reader.wasm',
  ];
  for (const line of refused) {
    it(`refuses \`${line}\` and names the extra grant`, async () => {
      const b = await boot();
      await reach(b, 'least-privilege-dir', 'narrow-it');
      const r = await b.type(line);
      expect(r.out).toContain('Config:');
      expect(b.sys.runtime.currentStep()?.id, r.out).toBe('narrow-it');
      expect(r.out).toMatch(/`--dir (\/tmp|my tmp::\/scratch)` was never used/);
    });
  }
  const accepted = [
    'wasmtime run 2>err.txt --dir site/data::/data modules/config-reader.wasm',
    'echo x | wasmtime run --dir site/data::/data modules/config-reader.wasm',
    'D=site/data; wasmtime run --dir $D::/data modules/config-reader.wasm',
    'LOG=1 wasmtime run --dir site/data::/data modules/config-reader.wasm',
    'cp -r site "my site" && wasmtime run --dir "my site/data::/data" modules/config-reader.wasm',
  ];
  for (const line of accepted) {
    it(`passes \`${line}\``, async () => {
      const b = await boot();
      await reach(b, 'least-privilege-dir', 'narrow-it');
      const r = await b.type(line);
      expect(r.out, r.err).toContain('✔ step passed: narrow-it');
    });
  }
});

/** `echo -e` line that rewrites ~/quote-app/spin.toml with these outbound hosts (as a learner might). */
function quoteManifest(hosts: string): string {
  const toml = [
    'spin_manifest_version = 2',
    '[application]',
    'name = "quote-app"',
    '[[trigger.http]]',
    'route = "/quote"',
    'component = "quote"',
    '[component.quote]',
    'source = "target/wasm32-wasip1/release/quote_app.wasm"',
    `allowed_outbound_hosts = ${hosts}`,
  ].join('\\n');
  return `echo -e '${toml}' > spin.toml`;
}

describe('Spin lessons: over-grants and broken manifests do not pass, and `check` names the entry', () => {
  const cases: Array<{ hosts: string; says: string[] }> = [
    { hosts: '["*://*:*"]', says: ['`*://*:*` is too broad', 'https://api.example.com'] },
    { hosts: '["https://*.example.com"]', says: ['`https://*.example.com` is too broad', 'every subdomain of example.com'] },
    { hosts: '["https://api.example.com", "https://status.example.com"]', says: ['`https://status.example.com` is unnecessary'] },
    { hosts: '["http://api.example.com"]', says: ['Spin denied', '`https://api.example.com`'] },
    { hosts: '["api.example.com"]', says: ['Spin cannot load'] },
  ];
  for (const c of cases) {
    it(`spin-outbound-hosts/least refuses allowed_outbound_hosts = ${c.hosts}`, async () => {
      const b = await boot();
      await reach(b, 'spin-outbound-hosts', 'least');
      await b.type(quoteManifest(c.hosts));
      await b.type('kill %1');
      await b.type('spin up');
      await b.type('curl http://127.0.0.1:3000/quote');
      const r = await b.type('check');
      expect(b.sys.runtime.currentStep()?.id, r.out).toBe('least');
      for (const text of c.says) expect(r.out).toContain(text);
    });
  }

  it('spin-broken-manifest/fix-it refuses a catch-all grant even though spin up starts', async () => {
    const b = await boot();
    await reach(b, 'spin-broken-manifest', 'fix-it');
    const fixed = b.fs.readText('/home/learner/motd/spin.toml')
      .replace(/\n\[component\.motd\.trigger\]\nroute = "\/motd"\n/, '\n')
      .replace('["api.example.com"]', '["*://*:*"]')
      .replace('component = "message-of-the-day"', 'component = "motd"');
    b.fs.writeFile('/home/learner/motd/spin.toml', fixed);
    const up = await b.type('spin up');
    expect(up.status, up.err).toBe(0);
    expect(b.sys.runtime.currentStep()?.id).toBe('fix-it');
    expect(up.out).toContain('`*://*:*` is too broad');
  });
});

/**
 * Every grader message that quotes something the grader did not write (an answer, a command line,
 * a grant, a file's parse error, a manifest entry) must stay text when the pane renders it as
 * Markdown: no element from the input, no link, and the input shown whole inside a code span.
 * One case per check kind, each with input built to break out of a naive `\`${x}\`` span.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { MemoryFs } from '../../fs/memory-fs';
import { grantDescriber } from '../grader/grants';
import type { CommandRecord } from '../records';
import { engine, makeLessonRig, HOME } from '../../../test/support/lesson-rig';
import { defaultCheckKinds } from './builtin';
import type { CommandCheck } from './command';
import type { CheckContext } from './context';
import type { FileCheck } from './file';
import { evaluateCheck } from './index';
import type { LeastPrivilegeCheck } from './least-privilege';
import type { QuizCheck } from './quiz';
import { printable, quoteInput } from './quote';
import type { SpinOutboundCheck } from './spin-outbound';
import type { RegistryCheck } from './oci';
import { OciStore } from '../../registry/store';
import { pushOras } from '../../registry/layouts';
import type { LabCheck } from './lab';
import { labStoreOf } from '../../lab/store';

const PAYLOADS = [
  'B` <img src=x> <a href="https://phish.example/login">Session expired: sign in again</a> `',
  '``<img src=x onerror=alert(1)>``',
  '[sign in](https://phish.example/login)',
  'x\n\n<div><img src=x></div>\n# heading',
];

/** The HTML the pane would get, and the same with every code element's content removed. */
function render(md: string): { html: string; outsideCode: string } {
  const html = marked.parse(md, { async: false }) as string;
  return { html, outsideCode: html.replace(/<code>[\s\S]*?<\/code>/g, '') };
}

function expectInert(message: string): void {
  const { html, outsideCode } = render(message);
  expect(html, message).not.toMatch(/<(img|a|div|h1)\b/i);
  expect(outsideCode, message).not.toMatch(/img|phish|sign in|onerror/i);
}

/** A record of `wasmtime ARG` as the shell's exec events give it (argv after quoting is undone). */
function rec(arg: string, status: number, stdout = '', stderr = ''): CommandRecord {
  return { line: `wasmtime '${arg}'`, segments: [['wasmtime', arg]], status, stdout, stderr, cwd: HOME, env: [], at: 0 };
}

function ctx(over: Partial<CheckContext> = {}): CheckContext {
  const fs = new MemoryFs();
  fs.mkdir(HOME, { recursive: true });
  return { fs, home: HOME, history: [], describeGrants: () => [], ...over };
}

beforeAll(async () => {
  await engine.ready();
});

describe('quoteInput', () => {
  it.each(PAYLOADS)('renders %j as one code span holding the text', (payload) => {
    const q = quoteInput(payload);
    const { html } = render(q);
    expect(html).toMatch(/^<p><code>[^<]*<\/code><\/p>\n?$/);
    // The text is all there (line breaks shown as ⏎), only HTML-escaped.
    const shown = html
      .replace(/^<p><code>|<\/code><\/p>\n?$/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(shown.trim()).toBe(payload.replace(/\n/g, '⏎').trim());
  });

  it('makes terminal control characters visible instead of passing them to the terminal', () => {
    const q = quoteInput('a\x1b]52;c;ZXZpbA==\x07b\x9b2J');
    expect(q).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(q).toContain('\\x1b]52');
    expect(printable('ok\x1b[31m\nnext', { keepNewlines: true })).toBe('ok\\x1b[31m\nnext');
  });

  it('cuts very long text', () => {
    expect([...quoteInput('x'.repeat(5000))].length).toBeLessThan(210);
  });
});

describe('every check kind quotes hostile input as text', () => {
  it('is a case below for every built-in kind', () => {
    expect(defaultCheckKinds().kinds().sort()).toEqual(['command', 'file', 'lab', 'least-privilege', 'quiz', 'registry', 'spin-outbound']);
  });

  it.each(PAYLOADS)('registry: a media type a learner pushed %j', async (payload) => {
    const registry = new OciStore();
    await pushOras(registry, 'localhost:5000/x:1', [{ name: 'a', bytes: new Uint8Array([1]), mediaType: payload }], { created: new Date(0) });
    const check: RegistryCheck = {
      kind: 'registry',
      name: 'r',
      reference: 'localhost:5000/x:1',
      exists: true,
      layerMediaTypes: ['application/wasm'],
    };
    const r = await evaluateCheck(check, ctx({ registry }));
    expect(r.status).toBe('fail');
    expectInert(r.message);
  });

  it.each(PAYLOADS)('lab: the answer %j', async (answer) => {
    const c = ctx({ quizAnswer: answer });
    const run = {
      index: 1,
      warmup: false,
      outcome: 'exit' as const,
      exitCode: 0,
      compileMs: 1,
      compileCached: false,
      instantiateMs: 0.1,
      runMs: 0.1,
      endToEndMs: 1,
      fromSpare: false,
      memoryBytes: 65536,
    };
    labStoreOf(c.fs).add({ label: 'hello.wasm', moduleBytes: 10, at: 0, source: 'bench', stopped: false, records: [run] });
    const check: LabCheck = {
      kind: 'lab',
      name: 'l',
      question: 'Q?',
      choices: ['a', 'b', 'c'],
      module: 'hello',
      measure: 'end-to-end',
      ratioTo: 200,
      bands: [10, 100],
    };
    const r = await evaluateCheck(check, c);
    expect(r.status).toBe('fail');
    expectInert(r.message);
  });

  it.each(PAYLOADS)('quiz: the answer %j', async (answer) => {
    const check: QuizCheck = { kind: 'quiz', name: 'q', question: 'Q?', answer: ['right'] };
    const r = await evaluateCheck(check, ctx({ quizAnswer: answer }));
    expect(r.status).toBe('fail');
    expectInert(r.message);
  });

  it.each(PAYLOADS)('command: the typed line %j', async (payload) => {
    const check: CommandCheck = { kind: 'command', name: 'c', tool: ['wasmtime'], exitCode: 0 };
    const r = await evaluateCheck(check, ctx({ history: [rec(payload, 1, '', payload)] }));
    expect(r.status).toBe('fail');
    expectInert(r.message);
  });

  it.each(PAYLOADS)('command: an extra grant %j', async (payload) => {
    const rig = makeLessonRig();
    const check: CommandCheck = { kind: 'command', name: 'c', tool: ['wasmtime'], module: 'hello', grants: [] };
    const line = `wasmtime --env 'X=${payload}' modules/hello.wasm`;
    const r = await evaluateCheck(check, ctx({ history: [await rig.type(line)], describeGrants: grantDescriber(rig.registry) }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('asks for no grants');
    expectInert(r.message);
  });

  it.each(PAYLOADS)("file: a parse error quoting the learner's file %j", async (payload) => {
    const c = ctx();
    c.fs.writeFile(`${HOME}/out.json`, payload);
    const check: FileCheck = { kind: 'file', name: 'f', path: '~/out.json', exists: true, parses: 'json' };
    const r = await evaluateCheck(check, c);
    expect(r.status).toBe('fail');
    expectInert(r.message);
  });

  it('least-privilege: an unneeded grant whose value is hostile', async () => {
    const rig = makeLessonRig();
    const line = `wasmtime --dir data::/data --env 'X=${PAYLOADS[0]}' modules/config-reader.wasm`;
    const record = await rig.type(line);
    const check: LeastPrivilegeCheck = { kind: 'least-privilege', name: 'lp', tool: ['wasmtime'], module: 'config-reader', success: { exitCode: 0 } };
    const r = await evaluateCheck(check, {
      fs: rig.fs,
      home: HOME,
      history: [record],
      replay: rig.replay,
      describeGrants: grantDescriber(rig.registry),
    });
    expect(r.status).toBe('fail');
    expect(r.findings?.map((f) => f.kind)).toContain('unnecessary');
    expectInert(r.message);
  });

  it('spin-outbound: a hostile allowed_outbound_hosts entry', async () => {
    const MODULES = fileURLToPath(new URL('../../../public/modules/', import.meta.url));
    const fs = new MemoryFs();
    fs.mkdir(`${HOME}/app`, { recursive: true });
    const hostile = 'https://x`<img src=x>`[sign-in](phish.example).com';
    fs.writeFile(
      `${HOME}/app/spin.toml`,
      `spin_manifest_version = 2\n[application]\nname = "a"\n[[trigger.http]]\nroute = "/quote"\ncomponent = "quote"\n[component.quote]\nsource = "quote.wasm"\nallowed_outbound_hosts = ["https://api.example.com", ${JSON.stringify(hostile)}]\n`,
    );
    fs.writeFile(`${HOME}/app/quote.wasm`, new Uint8Array(readFileSync(`${MODULES}wagi-outbound.wasm`)));
    const check: SpinOutboundCheck = { kind: 'spin-outbound', name: 's', manifest: '~/app/spin.toml', path: '/quote' };
    const r = await evaluateCheck(check, { fs, home: HOME, history: [], describeGrants: () => [], engine });
    expect(r.status, r.output).toBe('fail');
    expect(r.message, r.output).toContain('unnecessary');
    expectInert(r.message);
  });
});

/**
 * Grading, one function per kind, all pure. Fill-in-the-command reads the learner's line with the
 * terminal's own parsers (a CommandReader) and compares the grants with what the task needs, so
 * every spelling the real tool accepts is right (`--dir=/data`, `run --dir /data`,
 * `--dir /data::/data`) and a line that grants more than needed is wrong, with the grant named.
 * Spot-the-bug runs the spin.toml through the editor's validator and accepts the line it reports or
 * the field at fault.
 */
import { manifestError } from './spot-bug';
import { splitCommand, type CommandReader, type CommandReading } from './command-reader';
import type { Answer, ChoiceQuestion, CommandExpectation, GradeResult, OpenQuestion, OrderQuestion, Question, SpotBugQuestion } from './types';

/** Relative host paths in a task are read from the learner's home, where the terminal starts. */
export const TASK_CWD = '/home/learner';
/** An open question counts as answered well from this share of the rubric's weight. */
export const OPEN_PASS = 0.6;

export interface GradeDeps {
  readCommand: CommandReader;
}

export function grade(q: Question, a: Answer, deps: GradeDeps): GradeResult {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return gradeChoice(q, a.kind === 'single' || a.kind === 'multiple' ? a.picked : []);
    case 'order':
      return gradeOrder(q, a.kind === 'order' ? a.order : []);
    case 'command':
      return gradeCommand(q.expect, a.kind === 'command' ? a.line : '', deps.readCommand);
    case 'spot-the-bug':
      return gradeSpotBug(q, a.kind === 'spot-the-bug' ? a.text : '');
    case 'open':
      return gradeOpen(q, a.kind === 'open' ? a.ticked : []);
  }
}

const result = (correct: boolean, findings: string[], score = correct ? 1 : 0): GradeResult => ({ correct, score, findings });

export function gradeChoice(q: ChoiceQuestion, picked: readonly number[]): GradeResult {
  const got = [...new Set(picked)].sort((a, b) => a - b);
  const right = got.length === q.answer.length && got.every((n, i) => n === q.answer[i]);
  if (right) return result(true, []);
  const findings: string[] = [];
  const missing = q.answer.filter((n) => !got.includes(n));
  const extra = got.filter((n) => !q.answer.includes(n));
  for (const n of extra) findings.push(`Not right: ${q.options[n] ?? `option ${n + 1}`}`);
  if (q.kind === 'multiple') for (const n of missing) findings.push(`Also right: ${q.options[n]}`);
  else for (const n of missing) findings.push(`The answer: ${q.options[n]}`);
  return result(false, findings);
}

export function gradeOrder(q: OrderQuestion, order: readonly number[]): GradeResult {
  const right = order.length === q.steps.length && order.every((n, i) => n === i);
  if (right) return result(true, []);
  const first = order.findIndex((n, i) => n !== i);
  const at = first < 0 ? order.length : first;
  return result(false, [`Step ${at + 1} should be: ${q.steps[at]}`]);
}

export function gradeOpen(q: OpenQuestion, ticked: readonly number[]): GradeResult {
  const total = q.rubric.reduce((s, r) => s + r.weight, 0);
  const set = new Set(ticked.filter((n) => n >= 0 && n < q.rubric.length));
  const got = q.rubric.reduce((s, r, i) => s + (set.has(i) ? r.weight : 0), 0);
  const score = total > 0 ? got / total : 0;
  const missed = q.rubric.filter((_, i) => !set.has(i)).map((r) => `Missed: ${r.point}`);
  return result(score >= OPEN_PASS, missed, score);
}

/** The line and the field the validator blames; the learner may name either. */
export function spotBugTarget(q: SpotBugQuestion): { line: number; message: string } | undefined {
  return manifestError(q.format, q.manifest);
}

export function gradeSpotBug(q: SpotBugQuestion, text: string): GradeResult {
  const target = spotBugTarget(q);
  if (!target) return result(false, ['The validator finds no error in this manifest (a bank problem)']);
  const t = text.trim().toLowerCase();
  const lineNo = /^(?:line\s*)?(\d+)\b/.exec(t)?.[1] ?? /\bline\s*(\d+)\b/.exec(t)?.[1];
  const namesLine = lineNo !== undefined && Number(lineNo) === target.line;
  const field = q.field.toLowerCase();
  const namesField = t.length > 0 && (t.includes(field) || (field.includes('.') && t.includes(field.split('.').pop()!)));
  const why = `${q.format === 'kubernetes' ? "the cluster's strict decoding" : "spin's validator"}: line ${target.line}: ${target.message}`;
  if (namesLine || namesField) return result(true, [why]);
  return result(false, [
    lineNo ? `Line ${lineNo} is fine; the bug is on line ${target.line} (${q.field})` : `The bug is on line ${target.line} (${q.field})`,
    why,
  ]);
}

// ---- fill in the command ----------------------------------------------------------------------

/** POSIX path normalisation against `cwd` (no symlinks on the Dojo's machine). */
export function normalisePath(p: string, cwd = TASK_CWD): string {
  const abs = p.startsWith('/') ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

const within = (child: string, parent: string) => parent === '/' || child === parent || child.startsWith(parent + '/');

export function gradeCommand(expect: CommandExpectation, line: string, read: CommandReader): GradeResult {
  const split = splitCommand(line.trim());
  if ('error' in split) return result(false, [`Not one command: ${split.error}`]);
  const argv = split.words;
  if (argv.length === 0) return result(false, ['No command typed']);
  const tool = argv[0]!;
  if (!expect.tools.includes(tool)) return result(false, [`This task is for ${expect.tools.join(' or ')}; the line runs \`${tool}\``]);
  const r: CommandReading | undefined = read(argv);
  if (!r) return result(false, [`\`${tool}\` cannot be read here`]);
  if (!r.ok) return result(false, [`${tool} refuses this line: ${r.error}`]);
  const findings: string[] = [];
  if (normalisePath(r.module) !== normalisePath(expect.module)) findings.push(`Runs ${r.module}; the task is about ${expect.module}`);

  // Directories: each needed one granted exactly once; nothing broader, nothing else.
  const needed = expect.dirs.map((d) => ({ host: normalisePath(d.host), guest: d.guest.replace(/(.)\/+$/, '$1') }));
  const granted = r.dirs.map((d) => ({ ...d, host: normalisePath(d.host), guest: d.guest.replace(/(.)\/+$/, '$1') }));
  for (const g of granted) {
    const exact = needed.find((n) => n.host === g.host && n.guest === g.guest);
    if (exact) continue;
    const broader = needed.find((n) => within(n.host, g.host) && n.host !== g.host);
    const sameHost = needed.find((n) => n.host === g.host);
    if (broader) findings.push(`Over-grant: \`${g.text}\` opens ${g.host}, more than the ${broader.host} the module needs`);
    else if (sameHost) findings.push(`\`${g.text}\` shows ${g.host} to the module as ${g.guest}; it opens ${sameHost.guest}`);
    else findings.push(`Over-grant: \`${g.text}\` opens ${g.host}, which the module does not need`);
  }
  for (const n of needed) {
    if (granted.some((g) => g.host === n.host && g.guest === n.guest)) continue;
    if (granted.some((g) => within(n.host, g.host))) continue; // already reported as too broad
    findings.push(`Missing: the module needs ${n.host === n.guest ? n.host : `${n.host} as ${n.guest}`}`);
  }

  // Environment: exactly the variables asked for.
  const wantEnv = new Map(
    expect.env.map((e) => {
      const i = e.indexOf('=');
      return i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)];
    }),
  );
  if (r.inheritEnv) findings.push(`Over-grant: \`${r.inheritEnv}\` hands the module every variable of the shell`);
  for (const e of r.env) {
    if (!wantEnv.has(e.name)) findings.push(`Over-grant: \`${e.text}\` passes ${e.name}, which the module does not need`);
    else {
      const want = wantEnv.get(e.name);
      if (want !== undefined && e.value !== want) findings.push(`\`${e.text}\`: the task asks for ${e.name}=${want}`);
    }
  }
  for (const name of wantEnv.keys()) if (!r.env.some((e) => e.name === name)) findings.push(`Missing: the variable ${name}`);

  if (r.network.length > 0 && !expect.network)
    findings.push(`Over-grant: \`${r.network.join(' ')}\` opens the network, which the task does not need`);
  if (expect.network && r.network.length === 0) findings.push('Missing: the module needs the network');
  if (expect.args.length > 0 && r.guestArgs.join(' ') !== expect.args.join(' '))
    findings.push(
      `The module's own arguments should be \`${expect.args.join(' ')}\`${r.guestArgs.length ? `, not \`${r.guestArgs.join(' ')}\`` : ''}`,
    );
  return result(findings.length === 0, findings);
}

/** What a grant-only task needs, as read from a reference command (mistake cards use the lesson's solution). */
export function expectationFrom(line: string, read: CommandReader): CommandExpectation | undefined {
  const split = splitCommand(line.trim());
  if ('error' in split || split.words.length === 0) return undefined;
  const r = read(split.words);
  if (!r?.ok) return undefined;
  return {
    tools: [r.tool],
    module: r.module,
    dirs: r.dirs.map((d) => ({ host: d.host, guest: d.guest })),
    env: r.env.map((e) => (e.value === undefined ? e.name : `${e.name}=${e.value}`)),
    network: r.network.length > 0,
    args: r.guestArgs,
  };
}

/**
 * `kind: command` — the learner ran a tool on a module and it ended the way the step asks.
 *
 * The latest command that matches `tool`/`module` (and `lineMatches`, when given) is judged: the
 * latest attempt counts. Besides the outcome, a step may ask for the grants the line gave (`grants`,
 * compared by meaning: `--dir /data`, `--dir=/data` and `--dir /data::/data` are the same grant);
 * `lineMatches` is for telling apart two runs a step needs (a legacy spelling, then today's).
 */
import { normalizeLexical, resolve } from '../../fs/path';
import type { Grant } from '../../runtime/grants';
import type { CheckResult } from '../results';
import type { CheckBase } from '../schema';
import { describeFilter, execOf, findLatest } from '../records';
import type { CheckContext } from './context';
import { FILTER_KEYS, OUTCOME_KEYS, unmetExpectations, validateFilter, validateOutcome, type CommandFilter, type OutcomeSpec } from './outcome';
import { quoteInput } from './quote';
import type { CheckKindDefinition } from './registry';
import { strip as visibleText } from '../../lib/ansi';

export interface CommandCheck extends CheckBase, CommandFilter, OutcomeSpec {
  kind: 'command';
  /**
   * Exactly the grants the line must give, tool-neutral: `dir HOST[::GUEST]` (add ` readonly` to
   * insist on it), `env NAME`, `network`, `inherit-env`. `[]` = no grants at all. Host paths are
   * taken from the learner's home when relative, the learner's from the directory they ran it in.
   */
  grants?: string[];
  /** The typed line must match this regular expression (prefer `grants`: it accepts every spelling). */
  lineMatches?: string;
}

const GRANT_SPEC = /^(?:dir (\S+?)(?:::(\S+?))?( readonly)?|env ([A-Za-z_][A-Za-z0-9_]*)|network|inherit-env)$/;

export function evaluateCommandCheck(check: CommandCheck, ctx: CheckContext): CheckResult {
  const base = { name: check.name, kind: 'command' as const };
  const found = findLatest(ctx.history, check, check.lineMatches);
  if (!found) {
    return { ...base, status: 'fail', message: check.message ?? `Run ${describeFilter(check)} first.` };
  }
  const line = quoteInput(found.rec.line);
  // The command's own exit status and directory (`wasmtime …; true` ends 0, the run did not).
  const exec = execOf(found.rec, found.argv);
  const unmet = unmetExpectations(check, { ...found.rec, status: exec?.status ?? found.rec.status });
  const cwd = exec?.cwd ?? found.rec.cwd;
  if (check.grants) unmet.push(...unmetGrants(check.grants, ctx.describeGrants(found.argv), cwd, ctx.home));
  if (unmet.length === 0) return { ...base, status: 'pass', message: `${line} did what this step asks.` };
  return {
    ...base,
    status: 'fail',
    message: check.message ? `${check.message} (${line}: ${unmet.join('; ')})` : `${line}: ${unmet.join('; ')}.`,
    ...(found.rec.stderr ? { output: visibleText(found.rec.stderr).slice(0, 2000) } : {}),
  };
}

interface WantedGrant {
  key: string;
  readonly: boolean;
  words: string;
}

function wantedGrant(spec: string, home: string): WantedGrant {
  const m = GRANT_SPEC.exec(spec);
  if (!m) return { key: spec, readonly: false, words: quoteInput(spec) };
  if (m[1] !== undefined) {
    const host = resolve(home, m[1], home);
    const guest = normalizeLexical(m[2] ?? m[1]);
    const words = host === guest ? `the directory ${quoteInput(host)}` : `the host directory ${quoteInput(host)} as ${quoteInput(guest)}`;
    return { key: `dir ${host}::${guest}`, readonly: m[3] !== undefined, words: m[3] ? `${words} read-only` : words };
  }
  if (m[4] !== undefined) return { key: `env ${m[4]}`, readonly: false, words: `the variable ${quoteInput(m[4])}` };
  return { key: spec, readonly: false, words: spec === 'network' ? 'network access' : 'your whole environment' };
}

function grantKey(g: Grant, cwd: string, home: string): string {
  switch (g.kind) {
    case 'dir':
      return `dir ${resolve(cwd, g.hostPath ?? '.', home)}::${normalizeLexical(g.guestPath ?? g.hostPath ?? '.')}`;
    case 'env':
      return `env ${g.name ?? ''}`;
    default:
      return g.kind;
  }
}

/** The differences between the grants asked for and the learner's, as sentences. */
function unmetGrants(wanted: string[], given: Grant[], cwd: string, home: string): string[] {
  const want = wanted.map((w) => wantedGrant(w, home));
  const keyed = given.map((g) => ({ g, key: grantKey(g, cwd, home) }));
  const unmet: string[] = [];
  for (const w of want) {
    const match = keyed.filter((k) => k.key === w.key);
    if (match.length === 0) unmet.push(`it does not grant ${w.words}`);
    else if (w.readonly && !match.some((k) => k.g.readonly)) unmet.push(`it grants ${w.words.replace(/ read-only$/, '')}, but not read-only`);
  }
  const extra = keyed.filter((k) => !want.some((w) => w.key === k.key)).map((k) => quoteInput(k.g.text));
  if (extra.length > 0) {
    unmet.push(
      want.length === 0
        ? `this step asks for no grants at all, and it grants ${extra.join(', ')}`
        : `it also grants ${extra.join(', ')}, which this step does not ask for`,
    );
  }
  return unmet;
}

export const commandCheckKind: CheckKindDefinition<CommandCheck> = {
  kind: 'command',
  keys: [...FILTER_KEYS, ...OUTCOME_KEYS, 'grants', 'lineMatches'],
  validate(c, v, f) {
    const filter = validateFilter(c, f, v);
    const outcome = validateOutcome(c, f, v);
    const lineMatches = v.string(c, 'lineMatches', `${f}.lineMatches`);
    v.regex(lineMatches, `${f}.lineMatches`);
    let grants: string[] | undefined;
    if (c.grants !== undefined) {
      grants = Array.isArray(c.grants) && c.grants.length === 0 ? [] : v.stringList(c, 'grants', `${f}.grants`, { allowSingle: true });
      grants?.forEach((g, i) => {
        if (!GRANT_SPEC.test(g)) v.fail(`${f}.grants[${i}]`, `"${g}" is not a grant (dir HOST[::GUEST][ readonly], env NAME, network, inherit-env)`);
      });
    }
    if (!filter.tool && !filter.module && !lineMatches) v.fail(f, 'a command check needs tool, module or lineMatches');
    if (grants && !filter.tool) v.fail(`${f}.grants`, 'needs `tool` (whose command line the grants are read from)');
    return { kind: 'command', ...filter, ...outcome, ...(grants ? { grants } : {}), ...(lineMatches ? { lineMatches } : {}) };
  },
  evaluate: evaluateCommandCheck,
  // Any run of the tool on the module is an attempt, however it was spelled (a line that misses
  // `lineMatches` too): its failure is news, printed at once rather than at the next `check`.
  concerns: (check, rec) => findLatest([rec], check, check.tool || check.module ? undefined : check.lineMatches) !== undefined,
};

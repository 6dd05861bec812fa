import { describe, expect, it } from 'vitest';
import { clapHelp, clapSuggest } from './clap';
import { GETOPT_STYLE, getoptMessage } from './getopt';
import { type CommandSpec, parseArgv, toFlagSpecs, toSubcommandSpecs } from './spec';
import { recommendCommand, yargsParse } from './yargs';

const SPEC: CommandSpec = {
  name: 'tool',
  about: 'Does things',
  positionals: [{ name: '<FILE>', required: true, help: 'The input' }],
  flags: [
    { short: 'v', long: 'verbose', help: 'Say more' },
    { short: 'o', long: 'output', aliases: ['out-file'], value: 'PATH', help: 'Where to write' },
    { long: 'output-format', value: 'FMT', default: 'text', help: 'How to write' },
    { long: 'secret', hidden: true, help: 'Not listed' },
  ],
  subcommands: [{ name: 'run', about: 'Run it', flags: [{ long: 'fast', help: 'Quickly' }] }],
};

describe('spec: declared once, parsed in each style', () => {
  it('clusters shorts, glues values, takes --name=value, aliases and a repeated last value', () => {
    const r = parseArgv(SPEC, ['-vvofile', 'in', '--out-file=x', '--', '-v'], GETOPT_STYLE);
    expect(r.ok).toBe(true);
    expect(r.parsed.count('verbose')).toBe(2);
    expect(r.parsed.all('output')).toEqual(['file', 'x']);
    expect(r.parsed.value('output-format')).toBe('text');
    expect(r.parsed.positionals).toEqual(['in']);
    expect(r.parsed.rest).toEqual(['-v']);
  });

  it('getopt abbreviates a unique prefix and names every candidate of an ambiguous one', () => {
    expect(parseArgv(SPEC, ['--verb'], GETOPT_STYLE).parsed.count('verbose')).toBe(1);
    const r = parseArgv(SPEC, ['--outp=x'], GETOPT_STYLE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(getoptMessage(r.error)).toBe("option '--outp' is ambiguous; possibilities: '--output' '--output-format'");
  });

  it('derives completion data, hidden flags left out', () => {
    expect(toFlagSpecs(SPEC).map((f) => f.name)).toEqual(['--verbose', '-v', '--output', '-o', '--output-format']);
    expect(toSubcommandSpecs(SPEC)).toEqual([{ name: 'run', summary: 'Run it', flags: [{ name: '--fast', description: 'Quickly' }] }]);
  });
});

describe('clap', () => {
  it('lays out help as clap 4 does: six spaces for a missing short, defaults, -h last', () => {
    expect(clapHelp({ spec: SPEC, bin: 'tool' })).toBe(`Does things

Usage: tool [OPTIONS] <FILE>

Arguments:
  <FILE>                     The input

Options:
  -v, --verbose              Say more
  -o, --output <PATH>        Where to write
      --output-format <FMT>  How to write [default: text]
  -h, --help                 Print help
`);
  });

  it('suggests like strsim::jaro above 0.7, and nothing for a far word', () => {
    expect(clapSuggest('verbos', ['verbose', 'output'])).toBe('verbose');
    expect(clapSuggest('zzz', ['verbose', 'output'])).toBeUndefined();
  });
});

describe('yargs', () => {
  const help = () => 'tool <FILE>\n\nOptions:\n  --verbose';
  it('reports every unknown argument at once, after the help and an empty line', () => {
    const r = yargsParse(SPEC, ['--nope', 'in', '--also'], help);
    expect(r).toEqual({ ok: false, status: 1, stderr: 'tool <FILE>\n\nOptions:\n  --verbose\n\nUnknown arguments: nope, also\n' });
    expect(yargsParse(SPEC, ['--nope', 'in'], help)).toMatchObject({ stderr: expect.stringMatching(/\nUnknown argument: nope\n$/) });
  });

  it('counts missing positionals and recommends a command within distance 3', () => {
    expect(yargsParse(SPEC, ['-v'], help)).toMatchObject({
      stderr: expect.stringMatching(/Not enough non-option arguments: got 0, need at least 1\n$/),
    });
    expect(recommendCommand('deplyo', ['deploy', 'dev', 'tail'])).toBe('Did you mean deploy?');
    expect(recommendCommand('zzzzzz', ['deploy'])).toBeUndefined();
    expect(yargsParse(SPEC, ['a', 'b'], help)).toMatchObject({
      stderr: expect.stringMatching(/\nToo many non-option arguments: got 2, maximum of 1\n$/),
    });
    const demanding: CommandSpec = {
      ...SPEC,
      flags: [...SPEC.flags!, { long: 'name', value: 'N', required: true, help: 'Who' }, { long: 'env', value: 'E', required: true, help: 'Where' }],
    };
    expect(yargsParse(demanding, ['in'], help)).toMatchObject({ stderr: expect.stringMatching(/\nMissing required arguments: name, env\n$/) });
  });
});

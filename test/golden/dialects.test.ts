/**
 * The CLI kit's cobra/pflag and Go-flag dialects against golden transcripts written from those
 * libraries' sources and the tools built on them (test/golden/helm, kubectl, goflag). The tools
 * themselves are not in the Dojo yet, so each test declares the few flags the transcript needs, as
 * the tool does, and runs the dialect on the transcript's argv.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cobraParse, cobraUnknownCommand, type CobraFlavour } from '../../src/commands/cli/cobra';
import { type GoFlag, goflagParse } from '../../src/commands/cli/goflag';
import type { CommandSpec } from '../../src/commands/cli/spec';
import { loadGoldens } from '../support/golden';

const HELM_COMMANDS = [
  'completion',
  'create',
  'dependency',
  'env',
  'get',
  'history',
  'install',
  'lint',
  'list',
  'package',
  'plugin',
  'pull',
  'push',
  'registry',
  'repo',
  'rollback',
  'search',
  'show',
  'status',
  'template',
  'test',
  'uninstall',
  'upgrade',
  'verify',
  'version',
];

/** helm install / kubectl get: a few of their real flags (helm's -n is a persistent root flag). */
const SPECS: Record<string, CommandSpec> = {
  'helm install': {
    name: 'install',
    about: 'install a chart',
    flags: [
      { short: 'n', long: 'namespace', value: 'string', help: 'namespace scope for this request' },
      { long: 'create-namespace', help: 'create the release namespace if not present' },
      { long: 'set', value: 'stringArray', repeatable: true, help: 'set values on the command line' },
    ],
  },
  'kubectl get': {
    name: 'get',
    about: 'Display one or many resources',
    flags: [
      { short: 'n', long: 'namespace', value: 'string', help: 'If present, the namespace scope for this CLI request' },
      { short: 'o', long: 'output', value: 'string', help: 'Output format' },
      { short: 'A', long: 'all-namespaces', help: 'List the requested object(s) across all namespaces' },
      { short: 'w', long: 'watch', help: 'After listing/getting the requested object, watch for changes' },
    ],
  },
};

function runCobra(flavour: CobraFlavour, argv: string[]): { exit: number; stdout: string; stderr: string } {
  const [tool, sub, ...rest] = argv;
  const spec = SPECS[`${tool} ${sub}`];
  if (!spec) return { exit: 1, stdout: '', stderr: cobraUnknownCommand(tool!, sub!, HELM_COMMANDS) };
  const r = cobraParse(spec, rest, flavour, `${tool} ${sub}`);
  return r.ok ? { exit: 0, stdout: '', stderr: '' } : { exit: r.status, stdout: '', stderr: r.stderr };
}

const WASM_TOOL: GoFlag[] = [
  { long: 'o', type: 'string', default: 'a.out', value: 'file', help: 'output `file`' },
  { long: 'v', type: 'bool', help: 'verbose' },
  { long: 'n', type: 'int', default: '1', value: 'int', help: 'count' },
];

function runGo(argv: string[]) {
  const [name, ...rest] = argv;
  const r = goflagParse(name!, WASM_TOOL, rest);
  return r.ok ? { exit: 0, stdout: '', stderr: '' } : { exit: r.status, stdout: '', stderr: r.stderr };
}

const dir = (name: string) => fileURLToPath(new URL(`./${name}/`, import.meta.url));

describe('dialect golden transcripts', () => {
  for (const [folder, run] of [
    ['helm', (argv: string[]) => runCobra('helm', argv)],
    ['kubectl', (argv: string[]) => runCobra('kubectl', argv)],
    ['goflag', runGo],
  ] as const) {
    for (const golden of loadGoldens(dir(folder))) {
      it(`${folder}/${golden.file}: ${golden.command}`, () => {
        expect(run(golden.command.split(' '))).toEqual({ exit: golden.exit, stdout: golden.stdout, stderr: golden.stderr });
      });
    }
  }
});

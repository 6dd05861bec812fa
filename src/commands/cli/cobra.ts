/**
 * cobra + pflag's voice (kubectl, helm). Followed from the sources:
 * - spf13/pflag flag.go `parseLongArg`/`parseSingleShortArg`: "unknown flag: --%s",
 *   "unknown shorthand flag: %q in -%s", "flag needs an argument: --%s",
 *   "flag needs an argument: %q in -%s", "invalid argument %q for %q flag: %v" (the flag shown as
 *   "-n, --namespace"); `--name=value`, `--name value`, `-n value`, `-nvalue`, clustered booleans.
 * - spf13/cobra command.go `ExecuteC`: a failed Find prints `Error: <err>` (ErrPrefix) then
 *   "Run '<path> --help' for usage."; a flag error prints `Error: <err>` and, unless SilenceUsage,
 *   the usage. args.go `legacyArgs`: `unknown command %q for %q` + `findSuggestions`
 *   ("\n\nDid you mean this?\n\t<name>\n", Levenshtein distance ≤ 2 or a prefix).
 * - helm (cmd/helm/root.go): SilenceUsage, so only `Error: …`, exit 1.
 * - kubectl (k8s.io/kubectl pkg/util/templates/templater.go `FlagErrorFunc`): appends
 *   "\nSee '<path> --help' for usage."; pkg/cmd/util `CheckErr` prints it as `error: …`, exit 1.
 */
import { editDistance } from '../../shell/suggest';
import { type CommandSpec, type FlagDecl, type ParseError, type ParseStyle, type Parsed, parseArgv } from './spec';

export const PFLAG_STYLE: ParseStyle = { clusterShorts: true, permute: true };

/** How pflag names a flag in "invalid argument … for … flag": `-n, --namespace` or `--all`. */
export function pflagName(flag: FlagDecl): string {
  return flag.short && flag.long ? `-${flag.short}, --${flag.long}` : flag.long ? `--${flag.long}` : `-${flag.short}`;
}

/** pflag's error text for a parse error. */
export function pflagMessage(error: ParseError): string {
  switch (error.kind) {
    case 'unknown':
      return error.short ? `unknown shorthand flag: '${error.name}' in ${error.cluster ?? `-${error.name}`}` : `unknown flag: --${error.name}`;
    case 'ambiguous':
      return `unknown flag: ${error.arg}`;
    case 'missing-value':
      return error.short ? `flag needs an argument: '${error.flag.short}' in -${error.flag.short}` : `flag needs an argument: --${error.flag.long}`;
    case 'unexpected-value':
      return `invalid argument "${error.value}" for "${pflagName(error.flag)}" flag: strconv.ParseBool: parsing "${error.value}": invalid syntax`;
    case 'repeated':
      return `flag provided twice: ${error.arg}`;
  }
}

/** cobra's SuggestionsFor: names within Levenshtein distance 2, or that the typed word prefixes. */
export function cobraSuggestions(typed: string, names: readonly string[], minDistance = 2): string[] {
  const t = typed.toLowerCase();
  return names.filter((n) => editDistance(t, n.toLowerCase()) <= minDistance || n.toLowerCase().startsWith(t));
}

/** `unknown command "instal" for "helm"` with cobra's "Did you mean this?" block. */
export function unknownCommandMessage(typed: string, path: string, names: readonly string[]): string {
  const suggestions = cobraSuggestions(typed, names);
  const block = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '';
  return `unknown command "${typed}" for "${path}"${block}`;
}

export type CobraFlavour = 'helm' | 'kubectl';

/** What stderr shows for a flag error, in the flavour's words (both exit 1). */
export function cobraFlagError(flavour: CobraFlavour, path: string, message: string): string {
  if (flavour === 'kubectl') return `error: ${message}\nSee '${path} --help' for usage.\n`;
  return `Error: ${message}\n`;
}

/** What stderr shows for an unknown subcommand (cobra's Find failing): the same for both flavours. */
export function cobraUnknownCommand(path: string, typed: string, names: readonly string[]): string {
  return `Error: ${unknownCommandMessage(typed, path, names)}\nRun '${path} --help' for usage.\n`;
}

/**
 * Parses a cobra command's flags; on an error returns the text cobra prints and its exit status 1.
 * `-h`/`--help` (cobra adds them to every command) is reported as `help: true`.
 */
export function cobraParse(
  spec: CommandSpec,
  argv: readonly string[],
  flavour: CobraFlavour,
  path: string,
): { ok: true; parsed: Parsed; help: boolean } | { ok: false; stderr: string; status: number } {
  const withHelp: CommandSpec = {
    ...spec,
    flags: [...(spec.flags ?? []), { short: 'h', long: 'help', help: `help for ${spec.name}`, key: '__help' }],
  };
  const outcome = parseArgv(withHelp, argv, PFLAG_STYLE);
  if (outcome.parsed.has('__help')) return { ok: true, parsed: outcome.parsed, help: true };
  if (!outcome.ok) return { ok: false, stderr: cobraFlagError(flavour, path, pflagMessage(outcome.error)), status: 1 };
  return { ok: true, parsed: outcome.parsed, help: false };
}

/**
 * The spin.toml v2 schema as Spin 3.0 deserialises it (crates/manifest/src/schema/v2.rs, common.rs):
 * the typed result the Dojo works with, the allowed keys of each table in schema order (serde's
 * `unknown field` message lists them in that order), and Spin's id rules.
 */

export type ComponentSource =
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string; digest: string }
  | { kind: 'registry'; registry?: string; package: string; version: string };

export interface BuildConfig {
  command: string[];
  workdir?: string;
  watch: string[];
}

export interface ComponentManifest {
  id: string;
  source: ComponentSource;
  description?: string;
  variables: Record<string, string>;
  environment: Record<string, string>;
  allowedOutboundHosts: string[];
  keyValueStores: string[];
  build?: BuildConfig;
  /** `[component.<id>.tool.<name>]` tables; Spin ignores them, the Dojo reads `tool.dojo`. */
  tool: Record<string, Record<string, unknown>>;
}

export interface HttpExecutor {
  type: 'http' | 'wagi';
  argv?: string;
  entrypoint?: string;
}

export interface HttpTrigger {
  id?: string;
  /** Normalised: always starts with "/". */
  route: string;
  private: boolean;
  component: string;
  executor: HttpExecutor;
}

export interface VariableDef {
  default?: string;
  required: boolean;
  secret: boolean;
}

export interface SpinManifest {
  /** What the file declared; v1 files are converted to this v2 shape as Spin does. */
  manifestVersion: 1 | 2;
  application: { name: string; version?: string; description?: string; authors: string[] };
  variables: Record<string, VariableDef>;
  components: ComponentManifest[];
  httpTriggers: HttpTrigger[];
  /** Trigger types other than http, kept so `spin up` can say the Dojo does not serve them. */
  otherTriggerTypes: string[];
}

export const TOP_LEVEL_FIELDS = ['spin_manifest_version', 'application', 'variables', 'trigger', 'component'];
export const APPLICATION_FIELDS = ['name', 'version', 'description', 'authors', 'trigger', 'tool'];
export const COMPONENT_FIELDS = [
  'source',
  'description',
  'variables',
  'environment',
  'files',
  'exclude_files',
  'allowed_http_hosts',
  'allowed_outbound_hosts',
  'key_value_stores',
  'sqlite_databases',
  'ai_models',
  'build',
  'tool',
  'dependencies_inherit_configuration',
  'dependencies',
];
export const BUILD_FIELDS = ['command', 'workdir', 'watch'];
export const VARIABLE_FIELDS = ['default', 'required', 'secret'];
/** Keys of an HTTP trigger entry; `id` is the generic trigger field checked before the typed config. */
export const HTTP_TRIGGER_CONFIG_FIELDS = ['component', 'route', 'executor'];
/** `spin` is accepted as an alias of `http`; serde lists only the variant names. */
export const EXECUTOR_TYPES = ['http', 'wagi'];
export const EXECUTOR_TYPE_ALIASES = ['spin'];

/** v1 (spin_manifest_version = "1") tables. */
export const V1_TOP_LEVEL_FIELDS = [
  'spin_manifest_version',
  'spin_version',
  'name',
  'version',
  'description',
  'authors',
  'trigger',
  'variables',
  'component',
];
export const V1_COMPONENT_FIELDS = [
  'id',
  'source',
  'description',
  'environment',
  'files',
  'exclude_files',
  'allowed_http_hosts',
  'allowed_outbound_hosts',
  'key_value_stores',
  'sqlite_databases',
  'ai_models',
  'build',
  'trigger',
  'config',
];

/**
 * Spin's identifier rule (spin-serde `Id<DELIM, LOWER>`): words separated by `delim`, each non-empty,
 * starting with an ASCII letter, alphanumeric, and all-lower or all-upper. Returns Spin's message or null.
 * Component ids are kebab-case (`-`); variable names snake_case (`_`) and lower-case only.
 */
export function checkSpinId(id: string, delim: '-' | '_', lowerOnly: boolean): string | null {
  if (id === '') return 'empty';
  const wrong = delim === '-' ? '_' : '-';
  if (id.includes(wrong)) return `words must be separated with '${delim}', not '${wrong}'`;
  for (const word of id.split(delim)) {
    if (word === '') return `'${delim}'-separated words must not be empty`;
    const first = word[0] ?? '';
    if (!/[A-Za-z]/.test(first)) return `'${delim}'-separated words must start with an ASCII letter; got '${first}'`;
    const upper = /[A-Z]/.test(first);
    for (const ch of word.slice(1)) {
      if (/[0-9]/.test(ch)) continue;
      if (!/[A-Za-z]/.test(ch)) return `'${delim}'-separated words may only contain alphanumeric ASCII; got '${ch}'`;
      if (/[A-Z]/.test(ch) !== upper) return `'${delim}'-separated words must be all lowercase or all UPPERCASE; got "${word}"`;
    }
    if (lowerOnly && upper) return `Lower-case identifiers must be all lowercase; got "${id}"`;
  }
  return null;
}

/** serde's wording for the expected names: "`a`", "`a` or `b`", "one of `a`, `b`, `c`". */
export function expectedOneOf(fields: readonly string[]): string {
  const quoted = fields.map((f) => `\`${f}\``);
  if (quoted.length === 0) return 'there are no fields';
  if (quoted.length === 1) return quoted[0]!;
  if (quoted.length === 2) return `${quoted[0]} or ${quoted[1]}`;
  return `one of ${quoted.join(', ')}`;
}

/**
 * wrangler's configuration file (wrangler.toml, wrangler.json, wrangler.jsonc), read and validated with
 * wrangler's words. Followed from cloudflare/workers-sdk packages/wrangler:
 * - src/parse.ts `parseTOML`: a TOML syntax error becomes a ParseError printed in esbuild's message
 *   format (`✘ [ERROR] <text>` then the file:line:column frame). wrangler parses with @iarna/toml; the
 *   Dojo with smol-toml, so the first line of a syntax error is smol-toml's wording (the frame is
 *   wrangler's);
 * - src/config/validation-helpers.ts: `Expected "<field>" field to be a string but got <json>.`,
 *   `Expected "<field>" field to be an array of strings but got <json>.`, `Expected "<field>" field to be
 *   a boolean but got <json>.`, and the warning `Unexpected fields found in top-level field: "<f>"`;
 * - src/config/diagnostics.ts: errors and warnings under `Processing <file> configuration:`, each
 *   `  - <message>`.
 */
import { parse as parseToml, TomlError } from 'smol-toml';

export interface WorkerConfig {
  name?: string;
  main?: string;
  compatibilityDate?: string;
  buildCommand?: string;
}

export interface ConfigDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based, for editor markers. */
  line: number;
  column: number;
}

export interface ConfigResult {
  config: WorkerConfig;
  /** A syntax error, already in wrangler's rendered form (without the ✘ line). */
  syntax?: { text: string; line: number; column: number; lineText: string };
  errors: ConfigDiagnostic[];
  warnings: ConfigDiagnostic[];
}

/** wrangler 4's top-level fields (src/config/config.ts, environment.ts), for the unexpected-field warning. */
const KNOWN_FIELDS = new Set(
  (
    '$schema name main compatibility_date compatibility_flags account_id workers_dev preview_urls route routes tsconfig jsx_factory jsx_fragment ' +
    'migrations triggers rules build no_bundle minify keep_names find_additional_modules preserve_file_names base_dir node_compat first_party_worker ' +
    'logfwdr logpush limits placement vars define durable_objects workflows kv_namespaces send_email queues r2_buckets d1_databases vectorize ' +
    'hyperdrive services analytics_engine_datasets browser ai images version_metadata unsafe mtls_certificates tail_consumers dispatch_namespaces ' +
    'pipelines secrets_store_secrets assets observability containers cloudchamber dev site wasm_modules text_blobs data_blobs legacy_env ' +
    'send_metrics usage_model upload_source_maps env keep_vars alias pages_build_output_dir compliance_region python_modules unsafe_hello_world ratelimits worker_loaders'
  ).split(' '),
);

/** wrangler's worker-name rule (src/config/validation.ts isValidName): lowercase alphanumerics and dashes. */
const VALID_NAME = /^$|^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function locate(text: string, key: string): { line: number; column: number } {
  const lines = text.split('\n');
  const re = new RegExp(`^\\s*"?${key.replace(/[$]/g, '\\$')}"?\\s*[=:]`);
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? { line: 1, column: 1 } : { line: i + 1, column: lines[i]!.search(/\S/) + 1 };
}

/** JSONC → JSON: comments and trailing commas out (strings kept). */
function stripJsonc(text: string): string {
  return text
    .replace(/"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => (m.startsWith('"') ? m : m.replace(/[^\n]/g, ' ')))
    .replace(/,(\s*[}\]])/g, ' $1');
}

export function readWorkerConfig(fileName: string, text: string): ConfigResult {
  const result: ConfigResult = { config: {}, errors: [], warnings: [] };
  let doc: Record<string, unknown>;
  if (fileName.endsWith('.toml')) {
    try {
      doc = parseToml(text.replace(/\r\n/g, '\n')) as Record<string, unknown>;
    } catch (err) {
      if (!(err instanceof TomlError)) throw err;
      const line = err.line;
      const column = err.column;
      result.syntax = {
        text: err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, ''),
        line,
        column,
        lineText: text.split('\n')[line - 1] ?? '',
      };
      return result;
    }
  } else {
    try {
      doc = JSON.parse(stripJsonc(text)) as Record<string, unknown>;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(message);
      const offset = pos ? Number(pos[1]) : 0;
      const before = text.slice(0, offset).split('\n');
      result.syntax = {
        text: message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, ''),
        line: before.length,
        column: before.at(-1)!.length + 1,
        lineText: text.split('\n')[before.length - 1] ?? '',
      };
      return result;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) doc = {};
  }
  const error = (key: string, message: string) => result.errors.push({ severity: 'error', message, ...locate(text, key) });
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      error(key, `Expected "${key}" field to be a string but got ${JSON.stringify(v)}.`);
      return undefined;
    }
    return v;
  };
  const name = str('name');
  if (name !== undefined && !VALID_NAME.test(name))
    error('name', `Expected "name" to be of type string, alphanumeric and lowercase with dashes only but got ${JSON.stringify(name)}.`);
  const main = str('main');
  const date = str('compatibility_date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
    error('compatibility_date', `"compatibility_date" field should be a valid ISO-8601 date (YYYY-MM-DD), but got ${JSON.stringify(date)}.`);
  const flags = doc.compatibility_flags;
  if (flags !== undefined && (!Array.isArray(flags) || flags.some((f) => typeof f !== 'string')))
    error('compatibility_flags', `Expected "compatibility_flags" field to be an array of strings but got ${JSON.stringify(flags)}.`);
  const workersDev = doc.workers_dev;
  if (workersDev !== undefined && typeof workersDev !== 'boolean')
    error('workers_dev', `Expected "workers_dev" field to be a boolean but got ${JSON.stringify(workersDev)}.`);
  let buildCommand: string | undefined;
  const build = doc.build;
  if (build !== undefined) {
    if (typeof build !== 'object' || build === null || Array.isArray(build))
      error('build', `Expected "build" field to be an object but got ${JSON.stringify(build)}.`);
    else {
      const cmd = (build as Record<string, unknown>).command;
      if (cmd !== undefined && typeof cmd !== 'string')
        error('command', `Expected "build.command" field to be a string but got ${JSON.stringify(cmd)}.`);
      else buildCommand = cmd;
    }
  }
  const unknown = Object.keys(doc).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length)
    result.warnings.push({
      severity: 'warning',
      message: `Unexpected fields found in top-level field: ${unknown.map((k) => `"${k}"`).join(',')}`,
      ...locate(text, unknown[0]!),
    });
  result.config = { name, main, compatibilityDate: date, buildCommand };
  return result;
}

/** wrangler's rendering of a syntax error: esbuild's frame under the ✘ line. */
export function renderSyntaxError(file: string, s: NonNullable<ConfigResult['syntax']>): string {
  const n = String(s.line);
  return `${s.text}\n\n    ${file}:${s.line}:${s.column - 1}:\n      ${n} │ ${s.lineText}\n      ${' '.repeat(n.length)} ╵ ${' '.repeat(Math.max(0, s.column - 1))}^\n`;
}

/** `Processing <file> configuration:` with its bullet list (src/config/diagnostics.ts). */
export function renderDiagnostics(file: string, list: readonly ConfigDiagnostic[]): string {
  return `Processing ${file} configuration:\n\n${list.map((d) => `    - ${d.message.replace(/\n/g, '\n      ')}`).join('\n')}\n`;
}

/** The config file wrangler finds in `dir`'s listing, in its order of preference. */
export const CONFIG_FILES = ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml'] as const;

/** Editor diagnostics for a wrangler config (syntax error, errors, warnings). */
export function workerConfigDiagnostics(fileName: string, text: string): ConfigDiagnostic[] {
  const r = readWorkerConfig(fileName, text);
  if (r.syntax) return [{ severity: 'error', message: r.syntax.text, line: r.syntax.line, column: r.syntax.column }];
  return [...r.errors, ...r.warnings];
}

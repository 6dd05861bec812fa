/**
 * fastly.toml (manifest_version 3), read and validated as the Fastly CLI reads it. Followed from
 * fastly/cli pkg/manifest/file.go (`Read`: a missing `manifest_version` becomes 3 with the WARNING
 * "The fastly.toml was missing a `manifest_version` field. A default schema version of `3` will be used."
 * and the spec reference; `[setup.dictionaries]` gets its own WARNING; fields: authors, cloned_from,
 * description, language, manifest_version, name, profile, service_id, [scripts] build/post_build/
 * post_init/env_vars/env_file, [local_server], [setup]) and manifest_test.go ("error parsing
 * manifest_version 'abc'", an unrecognised future version). Unknown fields are dropped by the CLI's
 * decoder; the Dojo flags them as editor warnings only.
 */
import { parse as parseToml, TomlError } from 'smol-toml';

export const FASTLY_SPEC_URL = 'https://www.fastly.com/documentation/reference/compute/fastly-toml';
export const MANIFEST_LATEST = 3;

export interface FastlyManifest {
  name?: string;
  description?: string;
  authors: string[];
  language?: string;
  serviceId?: string;
  build?: string;
  postInit?: string;
  hasBackends: boolean;
}

export interface ManifestIssue {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
}

export interface ManifestResult {
  manifest: FastlyManifest;
  errors: ManifestIssue[];
  warnings: ManifestIssue[];
  /** manifest_version was absent (the CLI writes 3 back). */
  missingVersion: boolean;
}

const TOP = new Set([
  'authors',
  'cloned_from',
  'description',
  'language',
  'manifest_version',
  'name',
  'profile',
  'service_id',
  'scripts',
  'local_server',
  'setup',
]);
const SCRIPTS = new Set(['build', 'env_file', 'env_vars', 'post_build', 'post_init']);
const LANGUAGES = new Set(['rust', 'javascript', 'go', 'cpp', 'python', 'other', 'assemblyscript']);

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

function locate(text: string, key: string): { line: number; column: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*=`).test(l));
  return i < 0 ? { line: 1, column: 1 } : { line: i + 1, column: lines[i]!.search(/\S/) + 1 };
}

export function readFastlyManifest(text: string): ManifestResult {
  const out: ManifestResult = { manifest: { authors: [], hasBackends: false }, errors: [], warnings: [], missingVersion: false };
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    out.errors.push({
      severity: 'error',
      message: `error parsing the fastly.toml: ${err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')}`,
      line: err.line,
      column: err.column,
    });
    return out;
  }
  const err = (key: string, message: string) => out.errors.push({ severity: 'error', message, ...locate(text, key) });
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      err(key, `error parsing the fastly.toml: ${key} must be a string, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  };
  const mv = doc.manifest_version;
  if (mv === undefined) out.missingVersion = true;
  else if (typeof mv === 'string' && !/^\d+(\.\d+){0,2}$/.test(mv)) err('manifest_version', `error parsing manifest_version '${mv}'`);
  else if (Number(String(mv).split('.')[0]) > MANIFEST_LATEST)
    err('manifest_version', 'unrecognised manifest_version found: the Fastly CLI is out of date (run `fastly update`)');
  out.manifest.name = str('name');
  out.manifest.description = str('description');
  out.manifest.language = str('language');
  out.manifest.serviceId = str('service_id');
  str('cloned_from');
  if (out.manifest.language !== undefined && !LANGUAGES.has(out.manifest.language))
    out.warnings.push({ severity: 'warning', message: `unsupported language '${out.manifest.language}'`, ...locate(text, 'language') });
  const authors = doc.authors;
  if (authors !== undefined) {
    if (!Array.isArray(authors) || authors.some((a) => typeof a !== 'string'))
      err('authors', `error parsing the fastly.toml: authors must be a list of strings, got ${JSON.stringify(authors)}`);
    else out.manifest.authors = authors as string[];
  }
  const scripts = doc.scripts;
  if (scripts !== undefined) {
    if (!isTable(scripts)) err('scripts', 'error parsing the fastly.toml: [scripts] must be a table');
    else {
      for (const k of Object.keys(scripts))
        if (!SCRIPTS.has(k))
          out.warnings.push({ severity: 'warning', message: `unrecognised field scripts.${k} (the Fastly CLI ignores it)`, ...locate(text, k) });
      if (scripts.build !== undefined && typeof scripts.build !== 'string')
        err('build', 'error parsing the fastly.toml: scripts.build must be a string');
      else out.manifest.build = scripts.build as string | undefined;
      if (typeof scripts.post_init === 'string') out.manifest.postInit = scripts.post_init;
    }
  }
  const local = doc.local_server;
  out.manifest.hasBackends = isTable(local) && isTable(local.backends) && Object.keys(local.backends).length > 0;
  if (isTable(doc.setup) && 'dictionaries' in doc.setup)
    out.warnings.push({
      severity: 'warning',
      message:
        'Your fastly.toml manifest contains `[setup.dictionaries]`, which should be updated to `[setup.config_stores]`. Refer to the documentation at https://developer.fastly.com/reference/compute/fastly-toml/',
      ...locate(text, 'dictionaries'),
    });
  for (const k of Object.keys(doc))
    if (!TOP.has(k)) out.warnings.push({ severity: 'warning', message: `unrecognised field '${k}' (the Fastly CLI ignores it)`, ...locate(text, k) });
  if (out.missingVersion)
    out.warnings.push({
      severity: 'warning',
      message: `The fastly.toml was missing a \`manifest_version\` field. A default schema version of \`${MANIFEST_LATEST}\` will be used.`,
      line: 1,
      column: 1,
    });
  return out;
}

export function fastlyManifestDiagnostics(text: string): ManifestIssue[] {
  const r = readFastlyManifest(text);
  return [...r.errors, ...r.warnings];
}

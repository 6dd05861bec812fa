/**
 * spin.toml → typed manifest, or diagnostics that point at the text.
 *
 * One validator serves three callers: `spin build`/`spin up` (which stop at the first error and render it
 * the way Spin does), the editor (all diagnostics while typing) and the lessons. Errors Spin reports while
 * deserialising (syntax, unknown keys, missing fields, ids) are stage 'parse' and render as Spin's
 * `TOML parse error at line L, column C` block; errors Spin finds while loading the app (outbound hosts,
 * triggers) are stage 'load' and render as its `Failed to load component ...` chain.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { validateAllowedHosts } from './hosts';
import {
  APPLICATION_FIELDS,
  BUILD_FIELDS,
  COMPONENT_FIELDS,
  EXECUTOR_TYPES,
  EXECUTOR_TYPE_ALIASES,
  HTTP_TRIGGER_CONFIG_FIELDS,
  TOP_LEVEL_FIELDS,
  V1_COMPONENT_FIELDS,
  V1_TOP_LEVEL_FIELDS,
  VARIABLE_FIELDS,
  checkSpinId,
  expectedOneOf,
  type BuildConfig,
  type ComponentManifest,
  type ComponentSource,
  type HttpExecutor,
  type HttpTrigger,
  type SpinManifest,
  type VariableDef,
} from './schema';
import { indexTomlPositions, type TomlPath, type TomlPositions } from './toml-positions';

export interface ManifestDiagnostic {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Characters to underline (Spin's `^^^^`). */
  length: number;
  severity: 'error' | 'warning';
  /**
   * 'parse': Spin fails reading the manifest; 'load': Spin fails loading the app from it;
   * 'trigger': the app loads but the HTTP trigger refuses to start (routes, executor, components).
   */
  stage: 'parse' | 'load' | 'trigger';
  /** Spin's error chain between `Failed to load Spin app from "<path>"` and `message` (load stage). */
  context: string[];
  /** True for TOML syntax errors: nothing of the document could be read. */
  syntax?: boolean;
}

export interface ManifestValidation {
  /** Present when there is no error (warnings allowed). */
  manifest?: SpinManifest;
  diagnostics: ManifestDiagnostic[];
}

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** serde's description of a TOML value in `invalid type: ...` messages. */
function serdeUnexpected(v: unknown): string {
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `boolean \`${v}\``;
  if (typeof v === 'bigint') return `integer \`${v}\``;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  if (Array.isArray(v)) return 'sequence';
  if (v instanceof Date) return 'datetime';
  return 'map';
}

class Collector {
  readonly diagnostics: ManifestDiagnostic[] = [];
  constructor(private readonly positions: TomlPositions) {}

  private add(
    severity: 'error' | 'warning',
    stage: ManifestDiagnostic['stage'],
    path: TomlPath,
    message: string,
    context: string[],
    onValue: boolean,
  ): void {
    const span = onValue && this.positions.has([...path, '$value']) ? this.positions.find([...path, '$value']) : this.positions.find(path);
    this.diagnostics.push({ message, line: span.line, column: span.column, length: span.length, severity, stage, context });
  }
  parseError(path: TomlPath, message: string, onValue = false): void {
    this.add('error', 'parse', path, message, [], onValue);
  }
  loadError(path: TomlPath, message: string, context: string[] = []): void {
    this.add('error', 'load', path, message, context, false);
  }
  triggerError(path: TomlPath, message: string): void {
    this.add('error', 'trigger', path, message, [], false);
  }
  warning(path: TomlPath, message: string): void {
    this.add('warning', 'load', path, message, [], false);
  }
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  unknownKeys(table: Table, path: TomlPath, allowed: readonly string[], prefix = ''): void {
    for (const key of Object.keys(table)) {
      if (!allowed.includes(key)) this.parseError([...path, key], `${prefix}unknown field \`${key}\`, expected ${expectedOneOf(allowed)}`);
    }
  }
  string(table: Table, key: string, path: TomlPath): string | undefined {
    const v = table[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.parseError([...path, key], `invalid type: ${serdeUnexpected(v)}, expected a string`, true);
      return undefined;
    }
    return v;
  }
  bool(table: Table, key: string, path: TomlPath): boolean | undefined {
    const v = table[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.parseError([...path, key], `invalid type: ${serdeUnexpected(v)}, expected a boolean`, true);
      return undefined;
    }
    return v;
  }
  strings(table: Table, key: string, path: TomlPath): string[] {
    const v = table[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.parseError([...path, key], `invalid type: ${serdeUnexpected(v)}, expected a sequence`, true);
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else this.parseError([...path, key, i], `invalid type: ${serdeUnexpected(item)}, expected a string`);
    });
    return out;
  }
  stringMap(table: Table, key: string, path: TomlPath): Record<string, string> {
    const v = table[key];
    if (v === undefined) return {};
    if (!isTable(v)) {
      this.parseError([...path, key], `invalid type: ${serdeUnexpected(v)}, expected a map`, true);
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, item] of Object.entries(v)) {
      if (typeof item === 'string') out[k] = item;
      else this.parseError([...path, key, k], `invalid type: ${serdeUnexpected(item)}, expected a string`, true);
    }
    return out;
  }
}

/**
 * smol-toml's syntax errors reworded the way the `toml` crate (toml_edit) behind Spin words them, for
 * the common mistakes; anything else keeps smol-toml's own text.
 */
function tomlSyntaxMessage(err: TomlError, text: string): string {
  const raw = (err.message.replace(/^Invalid TOML document:\s*/, '').split('\n')[0] ?? err.message).trim();
  const line = (text.split(/\r?\n/)[err.line - 1] ?? '').trimStart();
  const keyOfLine = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line)?.[1];
  switch (raw) {
    case 'illegal character in key':
      return line.startsWith('[') ? 'invalid table header\nexpected `.`, `]`' : 'expected `.`, `=`';
    case 'unexpected end of key':
      return 'invalid key';
    case 'invalid value':
      return 'invalid string\nexpected `"`, `\'`';
    case 'control characters are not allowed in strings':
      return 'invalid basic string';
    case 'each key-value declaration must be followed by an end-of-line':
      return 'expected newline, `#`';
    case 'expected comma or end of structure':
      return 'invalid array\nexpected `]`';
    case 'trying to redefine an already defined table or value':
      return line.startsWith('[')
        ? `invalid table header\nduplicate key \`${line.replace(/^\[+|\]+.*$/g, '')}\` in document root`
        : `duplicate key \`${keyOfLine ?? ''}\``;
    default:
      return raw;
  }
}

export function validateManifestText(text: string): ManifestValidation {
  let root: Table;
  try {
    root = parseToml(text) as Table;
  } catch (err) {
    if (err instanceof TomlError) {
      return {
        diagnostics: [
          {
            message: tomlSyntaxMessage(err, text),
            line: err.line,
            column: err.column,
            length: 1,
            severity: 'error',
            stage: 'parse',
            context: [],
            syntax: true,
          },
        ],
      };
    }
    throw err;
  }
  const positions = indexTomlPositions(text);
  const c = new Collector(positions);

  // As Spin's crates/manifest/src/lib.rs: the version decides the schema.
  const version = root.spin_manifest_version;
  const legacy = root.spin_version;
  if (version === undefined && legacy === undefined) {
    c.parseError([], 'missing field `spin_manifest_version`');
    return { diagnostics: c.diagnostics };
  }
  if (version === '1' || (version === undefined && legacy === '1')) {
    return validateV1(root, c);
  }
  if (version !== 2) {
    const key = version === undefined ? 'spin_version' : 'spin_manifest_version';
    c.parseError([key], `invalid manifest version: "${String(version ?? legacy)}"`, true);
    return { diagnostics: c.diagnostics };
  }
  return validateV2(root, c);
}

function validateV2(root: Table, c: Collector): ManifestValidation {
  c.unknownKeys(root, [], TOP_LEVEL_FIELDS);

  // [application]
  const appTable = root.application;
  let application: SpinManifest['application'] = { name: '', authors: [] };
  if (appTable === undefined) c.parseError([], 'missing field `application`');
  else if (!isTable(appTable)) c.parseError(['application'], `invalid type: ${serdeUnexpected(appTable)}, expected struct AppDetails`, true);
  else {
    c.unknownKeys(appTable, ['application'], APPLICATION_FIELDS);
    const name = c.string(appTable, 'name', ['application']);
    if (name === undefined && appTable.name === undefined) c.parseError(['application'], 'missing field `name`');
    application = {
      name: name ?? '',
      version: c.string(appTable, 'version', ['application']),
      description: c.string(appTable, 'description', ['application']),
      authors: c.strings(appTable, 'authors', ['application']),
    };
    const appTrigger = appTable.trigger;
    if (isTable(appTrigger) && isTable(appTrigger.http)) {
      const base = appTrigger.http.base;
      if (base !== undefined && base !== '/') {
        c.triggerError(
          ['application', 'trigger', 'http', 'base'],
          "This application is using the deprecated trigger 'base' field. The base must be prepended to each [[trigger.http]]'s 'route'.",
        );
      }
    }
  }

  const variables = validateVariables(root.variables, c);

  // [component.<id>]
  const components: ComponentManifest[] = [];
  const compTable = root.component;
  if (compTable !== undefined && !isTable(compTable)) {
    c.parseError(['component'], `invalid type: ${serdeUnexpected(compTable)}, expected a map`, true);
  } else if (compTable) {
    for (const [id, body] of Object.entries(compTable)) {
      const idError = checkSpinId(id, '-', false);
      if (idError) c.parseError(['component', id], idError);
      const comp = validateComponent(id, body, ['component', id], c);
      if (comp) components.push(comp);
    }
  }

  // [[trigger.<type>]]
  const httpTriggers: HttpTrigger[] = [];
  const otherTriggerTypes: string[] = [];
  const triggerTable = root.trigger;
  if (triggerTable !== undefined && !isTable(triggerTable)) {
    c.parseError(['trigger'], `invalid type: ${serdeUnexpected(triggerTable)}, expected a map`, true);
  } else if (triggerTable) {
    for (const [type, list] of Object.entries(triggerTable)) {
      if (!Array.isArray(list)) {
        c.parseError(['trigger', type], `invalid type: ${serdeUnexpected(list)}, expected a sequence`, true);
        continue;
      }
      if (type !== 'http') {
        otherTriggerTypes.push(type);
        continue;
      }
      list.forEach((entry, i) => {
        const trigger = validateHttpTrigger(entry, i, ['trigger', 'http', i], c, components);
        if (trigger) httpTriggers.push(trigger);
      });
    }
  }

  checkTriggersReferenceComponents(httpTriggers, components, c);
  warnDuplicateRoutes(httpTriggers, c);

  const manifest: SpinManifest = { manifestVersion: 2, application, variables, components, httpTriggers, otherTriggerTypes };
  return c.hasErrors ? { diagnostics: c.diagnostics } : { manifest, diagnostics: c.diagnostics };
}

function validateVariables(value: unknown, c: Collector): Record<string, VariableDef> {
  const out: Record<string, VariableDef> = {};
  if (value === undefined) return out;
  if (!isTable(value)) {
    c.parseError(['variables'], `invalid type: ${serdeUnexpected(value)}, expected a map`, true);
    return out;
  }
  for (const [name, def] of Object.entries(value)) {
    const path = ['variables', name];
    const idError = checkSpinId(name, '_', true);
    if (idError) c.parseError(path, idError);
    if (!isTable(def)) {
      c.parseError(path, `invalid type: ${serdeUnexpected(def)}, expected struct Variable`, true);
      continue;
    }
    c.unknownKeys(def, path, VARIABLE_FIELDS);
    out[name] = {
      default: c.string(def, 'default', path),
      required: c.bool(def, 'required', path) ?? false,
      secret: c.bool(def, 'secret', path) ?? false,
    };
  }
  return out;
}

function validateSource(value: unknown, path: TomlPath, c: Collector): ComponentSource | undefined {
  if (value === undefined) {
    c.parseError(path.slice(0, -1), 'missing field `source`');
    return undefined;
  }
  if (typeof value === 'string') return { kind: 'file', path: value };
  if (isTable(value)) {
    if (typeof value.url === 'string' && typeof value.digest === 'string') {
      if (!value.digest.startsWith('sha256:')) {
        // A load-time error in Spin (crates/loader/tests/ui/invalid-digest.err).
        const id = String(path[path.length - 2] ?? '');
        c.loadError([...path, 'digest'], `invalid \`digest\` ${JSON.stringify(value.digest)}; must start with 'sha256:'`, [
          `Failed to load component \`${id}\``,
          `Failed to load Wasm source ${JSON.stringify(value.url)} with digest ${JSON.stringify(value.digest)}`,
        ]);
        return undefined;
      }
      return { kind: 'url', url: value.url, digest: value.digest };
    }
    if (typeof value.package === 'string' && typeof value.version === 'string') {
      return {
        kind: 'registry',
        registry: typeof value.registry === 'string' ? value.registry : undefined,
        package: value.package,
        version: value.version,
      };
    }
  }
  c.parseError(path, 'data did not match any variant of untagged enum ComponentSource', true);
  return undefined;
}

function validateBuild(value: unknown, path: TomlPath, c: Collector): BuildConfig | undefined {
  if (value === undefined) return undefined;
  if (!isTable(value)) {
    c.parseError(path, `invalid type: ${serdeUnexpected(value)}, expected struct ComponentBuildConfig`, true);
    return undefined;
  }
  c.unknownKeys(value, path, BUILD_FIELDS);
  let command: string[] = [];
  if (value.command === undefined) c.parseError(path, 'missing field `command`');
  else if (typeof value.command === 'string') command = [value.command];
  else if (Array.isArray(value.command) && value.command.every((x) => typeof x === 'string')) command = value.command as string[];
  else c.parseError([...path, 'command'], 'data did not match any variant of untagged enum Commands', true);
  const workdir = c.string(value, 'workdir', path);
  if (workdir !== undefined && workdir.startsWith('/')) {
    c.loadError([...path, 'workdir'], 'The workdir specified in the application file must be relative.');
  }
  return { command, workdir, watch: c.strings(value, 'watch', path) };
}

function validateComponent(id: string, body: unknown, path: TomlPath, c: Collector): ComponentManifest | undefined {
  if (!isTable(body)) {
    c.parseError(path, `invalid type: ${serdeUnexpected(body)}, expected struct Component`, true);
    return undefined;
  }
  c.unknownKeys(body, path, COMPONENT_FIELDS);
  const source = validateSource(body.source, [...path, 'source'], c);
  const allowedOutboundHosts = c.strings(body, 'allowed_outbound_hosts', path);
  // Spin stops at the first malformed entry of a component; so does this.
  const hostsProblem = validateAllowedHosts(allowedOutboundHosts);
  if (hostsProblem) {
    c.loadError([...path, 'allowed_outbound_hosts', hostsProblem.index], hostsProblem.error, [
      `Failed to load component \`${id}\``,
      '`allowed_outbound_hosts` is malformed',
    ]);
  }
  if (body.allowed_http_hosts !== undefined) {
    c.warning(
      [...path, 'allowed_http_hosts'],
      'Use of the deprecated field `allowed_http_hosts` - to fix, replace `allowed_http_hosts` with `allowed_outbound_hosts = [...]`',
    );
  }
  const tool: Record<string, Record<string, unknown>> = {};
  if (isTable(body.tool)) for (const [k, v] of Object.entries(body.tool)) if (isTable(v)) tool[k] = v;
  const comp: ComponentManifest = {
    id,
    source: source ?? { kind: 'file', path: '' },
    description: c.string(body, 'description', path),
    variables: c.stringMap(body, 'variables', path),
    environment: c.stringMap(body, 'environment', path),
    allowedOutboundHosts,
    keyValueStores: c.strings(body, 'key_value_stores', path),
    build: validateBuild(body.build, [...path, 'build'], c),
    tool,
  };
  return source ? comp : undefined;
}

/** Adds the leading "/" Spin adds; reports routes Spin's route parser refuses. */
function normaliseRoute(route: string, componentId: string, path: TomlPath, c: Collector): string {
  const r = route.startsWith('/') ? route : `/${route}`;
  const segments = r.split('/').slice(1);
  const badWildcard = segments.findIndex((s, i) => (s === '...' || s === '*') && i !== segments.length - 1);
  if (badWildcard >= 0 || /\s/.test(r)) {
    const reason = /\s/.test(r) ? 'routes must not contain whitespace' : 'a wildcard (`...`) must be the last segment';
    c.triggerError([...path, 'route'], `Error parsing route ${route} associated with component ${componentId}: ${reason}`);
  }
  return r;
}

function validateHttpTrigger(entry: unknown, index: number, path: TomlPath, c: Collector, components: ComponentManifest[]): HttpTrigger | undefined {
  if (!isTable(entry)) {
    c.parseError(path, `invalid type: ${serdeUnexpected(entry)}, expected struct Trigger`);
    return undefined;
  }
  const config = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'id'));
  c.unknownKeys(config, path, HTTP_TRIGGER_CONFIG_FIELDS, 'json error: ');
  const id = c.string(entry, 'id', path);

  let componentId: string | undefined;
  const comp = entry.component;
  if (comp === undefined) c.parseError(path, 'json error: missing field `component`');
  else if (typeof comp === 'string') {
    const idError = checkSpinId(comp, '-', false);
    if (idError) c.parseError([...path, 'component'], idError, true);
    else componentId = comp;
  } else if (isTable(comp)) {
    // Inline component: Spin gives it a generated id; the Dojo names it after the trigger.
    componentId = id ?? `inline-component-${index}`;
    const inline = validateComponent(componentId, comp, [...path, 'component'], c);
    if (inline) components.push(inline);
  } else c.parseError([...path, 'component'], `invalid type: ${serdeUnexpected(comp)}, expected a string or a table`, true);

  let route = '/...';
  let isPrivate = false;
  const rawRoute = entry.route;
  if (rawRoute === undefined) c.parseError(path, 'json error: missing field `route`');
  else if (typeof rawRoute === 'string') route = normaliseRoute(rawRoute, componentId ?? '', path, c);
  else if (isTable(rawRoute) && rawRoute.private === true) isPrivate = true;
  else if (isTable(rawRoute)) {
    c.triggerError(
      [...path, 'route'],
      `route must be a string pattern or '{ private = true }': component '${componentId ?? ''}' has { private = ${String(rawRoute.private)} }`,
    );
  } else c.parseError([...path, 'route'], 'json error: data did not match any variant of untagged enum HttpTriggerRouteConfig', true);

  let executor: HttpExecutor = { type: 'http' };
  const rawExecutor = entry.executor;
  if (rawExecutor !== undefined) {
    if (!isTable(rawExecutor))
      c.parseError(
        [...path, 'executor'],
        `json error: invalid type: ${serdeUnexpected(rawExecutor)}, expected internally tagged enum HttpExecutorType`,
        true,
      );
    else {
      const type = rawExecutor.type;
      if (type === undefined) c.parseError([...path, 'executor'], 'json error: missing field `type`');
      else if (typeof type !== 'string' || ![...EXECUTOR_TYPES, ...EXECUTOR_TYPE_ALIASES].includes(type)) {
        c.parseError([...path, 'executor', 'type'], `json error: unknown variant \`${String(type)}\`, expected ${expectedOneOf(EXECUTOR_TYPES)}`);
      } else if (type === 'wagi') {
        c.unknownKeys(
          Object.fromEntries(Object.entries(rawExecutor).filter(([k]) => k !== 'type')),
          [...path, 'executor'],
          ['argv', 'entrypoint'],
          'json error: ',
        );
        const argv = c.string(rawExecutor, 'argv', [...path, 'executor']);
        const entrypoint = c.string(rawExecutor, 'entrypoint', [...path, 'executor']);
        if (entrypoint !== undefined && entrypoint !== '_start') {
          c.triggerError([...path, 'executor', 'entrypoint'], `Wagi component '${componentId ?? ''}' cannot use deprecated 'entrypoint' field`);
        }
        executor = { type: 'wagi', argv, entrypoint };
      } else executor = { type: 'http' };
    }
  }
  if (componentId === undefined || rawRoute === undefined) return undefined;
  return { id, route, private: isPrivate, component: componentId, executor };
}

function checkTriggersReferenceComponents(triggers: HttpTrigger[], components: ComponentManifest[], c: Collector): void {
  const ids = new Set(components.map((x) => x.id));
  triggers.forEach((t, i) => {
    // Spin's normalised trigger id when none is given: "<component>-http-trigger" (crates/manifest normalize.rs).
    const triggerId = t.id ?? `${t.component}-http-trigger`;
    if (!ids.has(t.component)) {
      c.triggerError(
        ['trigger', 'http', i, 'component'],
        `missing component ${JSON.stringify(t.component)} configured for trigger ${JSON.stringify(triggerId)}`,
      );
    }
  });
}

function warnDuplicateRoutes(triggers: HttpTrigger[], c: Collector): void {
  const lastByRoute = new Map<string, number>();
  triggers.forEach((t, i) => {
    if (!t.private) lastByRoute.set(t.route, i);
  });
  triggers.forEach((t, i) => {
    const last = lastByRoute.get(t.route);
    if (t.private || last === undefined || last === i) return;
    const winner = triggers[last];
    c.warning(
      ['trigger', 'http', i, 'route'],
      `The following component routes are duplicates and will never be used:\n  ${t.component}: ${t.route} (duplicate of ${winner?.component ?? ''})`,
    );
  });
}

/**
 * v1 manifests still load in Spin 2.x–4.x: converted to the v2 shape here, with a warning diagnostic
 * so the editor can suggest the v2 form.
 */
function validateV1(root: Table, c: Collector): ManifestValidation {
  c.unknownKeys(root, [], V1_TOP_LEVEL_FIELDS);
  const name = c.string(root, 'name', []);
  if (root.name === undefined) c.parseError([], 'missing field `name`');
  const trigger = root.trigger;
  let base = '/';
  if (!isTable(trigger)) c.parseError([], 'missing field `trigger`');
  else {
    if (typeof trigger.base === 'string') base = trigger.base;
    if (trigger.type !== 'http') c.warning(['trigger'], `dojo: only HTTP triggers are served in the Dojo (this app uses "${String(trigger.type)}")`);
  }
  const components: ComponentManifest[] = [];
  const httpTriggers: HttpTrigger[] = [];
  const list = root.component;
  const seen = new Set<string>();
  if (Array.isArray(list)) {
    list.forEach((body, i) => {
      const path = ['component', i];
      if (!isTable(body)) return;
      c.unknownKeys(body, path, V1_COMPONENT_FIELDS);
      const id = c.string(body, 'id', path);
      if (id === undefined) {
        c.parseError(path, 'missing field `id`');
        return;
      }
      const idError = checkSpinId(id, '-', false);
      if (idError) c.parseError([...path, 'id'], idError, true);
      if (seen.has(id)) c.parseError([...path, 'id'], `cannot have duplicate component IDs: ${id}`, true);
      seen.add(id);
      const source = validateSource(body.source, [...path, 'source'], c);
      // v1 `allowed_http_hosts` held bare hosts; Spin converts each to both schemes.
      const httpHosts = c
        .strings(body, 'allowed_http_hosts', path)
        .flatMap((h) => (h === 'insecure:allow-all' ? ['*://*:*'] : h.includes('://') ? [h] : [`https://${h}`, `http://${h}`]));
      components.push({
        id,
        source: source ?? { kind: 'file', path: '' },
        description: c.string(body, 'description', path),
        variables: c.stringMap(body, 'config', path),
        environment: c.stringMap(body, 'environment', path),
        allowedOutboundHosts: [...c.strings(body, 'allowed_outbound_hosts', path), ...httpHosts],
        keyValueStores: c.strings(body, 'key_value_stores', path),
        build: validateBuild(body.build, [...path, 'build'], c),
        tool: {},
      });
      const t = body.trigger;
      if (isTable(t) && typeof t.route === 'string') {
        const joined = `${base.replace(/\/$/, '')}/${t.route.replace(/^\//, '')}`;
        const exec =
          isTable(t.executor) && t.executor.type === 'wagi'
            ? ({ type: 'wagi', argv: typeof t.executor.argv === 'string' ? t.executor.argv : undefined } as HttpExecutor)
            : ({ type: 'http' } as HttpExecutor);
        httpTriggers.push({ route: normaliseRoute(joined, id, [...path, 'trigger'], c), private: false, component: id, executor: exec });
      }
    });
  }
  c.warning(
    [root.spin_manifest_version !== undefined ? 'spin_manifest_version' : 'spin_version'],
    'This is a version 1 manifest: Spin still loads it, but new apps use spin_manifest_version = 2 (`spin doctor` can upgrade it).',
  );
  const manifest: SpinManifest = {
    manifestVersion: 1,
    application: {
      name: name ?? '',
      version: c.string(root, 'version', []),
      description: c.string(root, 'description', []),
      authors: c.strings(root, 'authors', []),
    },
    variables: validateVariables(root.variables, c),
    components,
    httpTriggers,
    otherTriggerTypes: [],
  };
  return c.hasErrors ? { diagnostics: c.diagnostics } : { manifest, diagnostics: c.diagnostics };
}

/** The first error, the one Spin would stop at (diagnostics are in document-walk order). */
export function firstError(v: ManifestValidation): ManifestDiagnostic | undefined {
  const errors = v.diagnostics.filter((d) => d.severity === 'error');
  // Spin reads the manifest, then loads the app, then starts the trigger.
  return errors.find((d) => d.stage === 'parse') ?? errors.find((d) => d.stage === 'load') ?? errors[0];
}

/** Spin's rendering of a TOML/serde error (crates/manifest/tests/ui/invalid/*.err). */
export function renderTomlError(text: string, d: Pick<ManifestDiagnostic, 'line' | 'column' | 'length' | 'message'>): string {
  const source = text.split(/\r?\n/)[d.line - 1] ?? '';
  const gutter = String(d.line).length;
  const pad = ' '.repeat(gutter);
  return [
    `TOML parse error at line ${d.line}, column ${d.column}`,
    `${pad} |`,
    `${d.line} | ${source}`,
    `${pad} | ${' '.repeat(Math.max(0, d.column - 1))}${'^'.repeat(Math.max(1, d.length))}`,
    d.message,
  ].join('\n');
}

/**
 * The chain `spin up`/`spin build` print for a manifest error: top message and causes
 * (rendered by the CLI as `Error: ...` / `Caused by:`).
 */
export function manifestErrorChain(text: string, manifestPath: string, d: ManifestDiagnostic): { top: string; causes: string[] } {
  if (d.stage === 'parse') {
    return {
      top: 'Failed to load application',
      causes: [`Failed to read Spin app manifest from ${JSON.stringify(manifestPath)}`, renderTomlError(text, d)],
    };
  }
  if (d.stage === 'trigger') return { top: d.message, causes: [] };
  return { top: 'Failed to load application', causes: [`Failed to load Spin app from ${JSON.stringify(manifestPath)}`, ...d.context, d.message] };
}

import { describe, expect, it } from 'vitest';
import { firstError, manifestErrorChain, renderTomlError, validateManifestText } from './manifest';

const VALID = `spin_manifest_version = 2

[application]
name = "hello-rust"
version = "0.1.0"
authors = ["Your Name <you@example.com>"]
description = ""

[[trigger.http]]
route = "/..."
component = "hello-rust"

[component.hello-rust]
source = "target/wasm32-wasi/release/hello_rust.wasm"
allowed_outbound_hosts = []
[component.hello-rust.build]
command = "cargo build --target wasm32-wasi --release"
watch = ["src/**/*.rs", "Cargo.toml"]
`;

function errorsOf(text: string) {
  return validateManifestText(text).diagnostics.filter((d) => d.severity === 'error');
}

describe('validateManifestText: valid manifests', () => {
  it('accepts the http-rust template and types it', () => {
    const v = validateManifestText(VALID);
    expect(v.diagnostics).toEqual([]);
    expect(v.manifest?.manifestVersion).toBe(2);
    expect(v.manifest?.application).toMatchObject({ name: 'hello-rust', version: '0.1.0', authors: ['Your Name <you@example.com>'] });
    expect(v.manifest?.components[0]).toMatchObject({
      id: 'hello-rust',
      source: { kind: 'file', path: 'target/wasm32-wasi/release/hello_rust.wasm' },
      allowedOutboundHosts: [],
      build: { command: ['cargo build --target wasm32-wasi --release'], watch: ['src/**/*.rs', 'Cargo.toml'] },
    });
    expect(v.manifest?.httpTriggers).toEqual([{ id: undefined, route: '/...', private: false, component: 'hello-rust', executor: { type: 'http' } }]);
  });

  it("accepts the primer's manifest (with a scheme) and a wagi executor", () => {
    const text = `spin_manifest_version = 2
[application]
name = "my-api"
version = "0.1.0"
[[trigger.http]]
route = "hello"
component = "my-api"
executor = { type = "wagi", argv = "\${SCRIPT_NAME} \${ARGS}" }
[component.my-api]
source = "target/wasm32-wasi/release/my_api.wasm"
allowed_outbound_hosts = ["https://api.example.com"]
`;
    const v = validateManifestText(text);
    expect(errorsOf(text)).toEqual([]);
    expect(v.manifest?.httpTriggers[0]?.route).toBe('/hello');
    expect(v.manifest?.httpTriggers[0]?.executor).toEqual({ type: 'wagi', argv: '${SCRIPT_NAME} ${ARGS}', entrypoint: undefined });
    expect(v.manifest?.components[0]?.allowedOutboundHosts).toEqual(['https://api.example.com']);
  });

  it('converts a v1 manifest (Spin still loads them) and warns', () => {
    const text = `spin_manifest_version = "1"
name = "old-app"
version = "1.0.0"
trigger = { type = "http", base = "/" }

[[component]]
id = "old-app"
source = "old.wasm"
allowed_http_hosts = ["api.example.com"]
[component.trigger]
route = "/api/..."
executor = { type = "wagi" }
`;
    const v = validateManifestText(text);
    expect(v.manifest?.manifestVersion).toBe(1);
    expect(v.manifest?.httpTriggers[0]).toMatchObject({ route: '/api/...', component: 'old-app', executor: { type: 'wagi' } });
    expect(v.manifest?.components[0]?.allowedOutboundHosts).toEqual(['https://api.example.com', 'http://api.example.com']);
    expect(v.diagnostics.some((d) => d.severity === 'warning' && /version 1 manifest/.test(d.message))).toBe(true);
  });
});

describe('validateManifestText: each error kind', () => {
  it('TOML syntax error names line and column', () => {
    const text = `spin_manifest_version = 2\n[application]\nname = "x"\nversion "0.1.0"\n`;
    const [e] = errorsOf(text);
    expect(e).toMatchObject({ line: 4, column: 9, stage: 'parse', message: 'expected `.`, `=`' });
    expect(renderTomlError(text, e!)).toBe('TOML parse error at line 4, column 9\n  |\n4 | version "0.1.0"\n  |         ^\nexpected `.`, `=`');
    const header = errorsOf('spin_manifest_version = 2\n[application\n');
    expect(header[0]?.message).toBe('invalid table header\nexpected `.`, `]`');
  });

  it('missing and invalid manifest version', () => {
    expect(errorsOf('[application]\nname = "x"\n')[0]?.message).toBe('missing field `spin_manifest_version`');
    const [e] = errorsOf('spin_manifest_version = "2"\n[application]\nname = "x"\n');
    expect(e?.message).toBe('invalid manifest version: "2"');
    expect(e?.line).toBe(1);
  });

  it('unknown key lists the fields in schema order, at the key', () => {
    const text = VALID.replace('description = ""', 'descripton = ""');
    const [e] = errorsOf(text);
    expect(e?.message).toBe('unknown field `descripton`, expected one of `name`, `version`, `description`, `authors`, `trigger`, `tool`');
    expect(e?.line).toBe(7);
    expect(e?.column).toBe(1);
  });

  it('unknown key in a component', () => {
    const text = VALID.replace('allowed_outbound_hosts = []', 'allowed_hosts = []');
    const [e] = errorsOf(text);
    expect(e?.message).toMatch(/^unknown field `allowed_hosts`, expected one of `source`, `description`/);
    expect(e?.line).toBe(15);
  });

  it('component id must be kebab-case (Spin ui test wording and caret)', () => {
    const text = VALID.replace('[component.hello-rust]', '[component.bad_id]').replace('[component.hello-rust.build]', '[component.bad_id.build]');
    const e = errorsOf(text).find((d) => d.message.startsWith('words'));
    expect(e).toMatchObject({ message: "words must be separated with '-', not '_'", line: 13, column: 12, length: 6 });
    expect(renderTomlError(text, e!)).toBe(
      [
        'TOML parse error at line 13, column 12',
        '   |',
        '13 | [component.bad_id]',
        '   |            ^^^^^^',
        "words must be separated with '-', not '_'",
      ].join('\n'),
    );
  });

  it('bad component reference and bad variable name', () => {
    const ref = VALID.replace('component = "hello-rust"', 'component = "1-2-3"');
    expect(errorsOf(ref)[0]?.message).toBe("'-'-separated words must start with an ASCII letter; got '1'");
    const vars = VALID.replace('[[trigger.http]]', '[variables]\napi_key+x = { default = "a" }\n\n[[trigger.http]]').replace(
      'api_key+x',
      '"api_key+x"',
    );
    expect(errorsOf(vars)[0]?.message).toBe("'_'-separated words may only contain alphanumeric ASCII; got '+'");
  });

  it('missing source and missing component table', () => {
    const noSource = VALID.replace('source = "target/wasm32-wasi/release/hello_rust.wasm"\n', '');
    expect(errorsOf(noSource)[0]?.message).toBe('missing field `source`');
    const noComponent = VALID.replace('component = "hello-rust"', 'component = "other"');
    const e = errorsOf(noComponent)[0];
    expect(e?.message).toBe('missing component "other" configured for trigger "other-http-trigger"');
    expect(e?.line).toBe(11);
  });

  it('outbound host without a scheme is a load error with Spin context', () => {
    const text = VALID.replace('allowed_outbound_hosts = []', 'allowed_outbound_hosts = ["https://ok.example.com", "api.example.com"]');
    const [e] = errorsOf(text);
    expect(e).toMatchObject({
      message: `"api.example.com" does not contain a scheme (e.g., 'http://' or '*://')`,
      stage: 'load',
      context: ['Failed to load component `hello-rust`', '`allowed_outbound_hosts` is malformed'],
      line: 15,
      column: 53,
    });
    expect(manifestErrorChain(text, '/home/learner/app/spin.toml', e!)).toEqual({
      top: 'Failed to load application',
      causes: [
        'Failed to load Spin app from "/home/learner/app/spin.toml"',
        'Failed to load component `hello-rust`',
        '`allowed_outbound_hosts` is malformed',
        `"api.example.com" does not contain a scheme (e.g., 'http://' or '*://')`,
      ],
    });
  });

  it('bad routes', () => {
    const priv = VALID.replace('route = "/..."', 'route = { private = false }');
    expect(errorsOf(priv)[0]?.message).toBe("route must be a string pattern or '{ private = true }': component 'hello-rust' has { private = false }");
    const mid = VALID.replace('route = "/..."', 'route = "/a/.../b"');
    expect(errorsOf(mid)[0]?.message).toMatch(/^Error parsing route \/a\/...\/b associated with component hello-rust: /);
  });

  it('unknown key in a trigger uses the typed-config wording', () => {
    const text = VALID.replace('route = "/..."', 'route = "/..."\npath = "/x"');
    expect(errorsOf(text)[0]?.message).toBe('json error: unknown field `path`, expected one of `component`, `route`, `executor`');
  });

  it('deprecated base and wagi entrypoint', () => {
    const base = VALID.replace('description = ""', 'description = ""\n[application.trigger.http]\nbase = "/api"');
    expect(errorsOf(base)[0]?.message).toMatch(/deprecated trigger 'base' field/);
    const entry = VALID.replace('route = "/..."', 'route = "/..."\nexecutor = { type = "wagi", entrypoint = "main" }');
    expect(errorsOf(entry)[0]?.message).toBe("Wagi component 'hello-rust' cannot use deprecated 'entrypoint' field");
  });

  it('wrong types', () => {
    const text = VALID.replace('name = "hello-rust"', 'name = 42');
    expect(errorsOf(text)[0]?.message).toBe('invalid type: integer `42`, expected a string');
  });

  it('warns on duplicate routes and the deprecated allowed_http_hosts, without failing', () => {
    const text = `${VALID}
[[trigger.http]]
route = "/..."
component = "hello-rust"
`.replace('allowed_outbound_hosts = []', 'allowed_outbound_hosts = []\nallowed_http_hosts = []');
    const v = validateManifestText(text);
    expect(v.manifest).toBeDefined();
    const warnings = v.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    expect(warnings).toContain(
      'Use of the deprecated field `allowed_http_hosts` - to fix, replace `allowed_http_hosts` with `allowed_outbound_hosts = [...]`',
    );
    expect(warnings.some((w) => w.includes('hello-rust: /... (duplicate of hello-rust)'))).toBe(true);
  });

  it('firstError prefers the parse-stage error Spin meets first', () => {
    const text = VALID.replace('allowed_outbound_hosts = []', 'allowed_outbound_hosts = ["x"]\nbogus = 1');
    expect(firstError(validateManifestText(text))?.message).toMatch(/^unknown field `bogus`/);
  });
});

describe('hostile manifests', () => {
  it('a 100,000-part dotted key is indexed in linear time and its error points at the key', () => {
    const key = Array.from({ length: 100_000 }, () => 'a').join('.');
    const text = `spin_manifest_version = 2\n${key}.b = 1\n`;
    // Was quadratic (a JSON string per key prefix): 10 s at 20,000 parts, out of memory at 100,000.
    const [e] = errorsOf(text);
    expect(e?.message).toMatch(/^unknown field `a`/);
    expect(e?.line).toBe(2);
    expect(e?.column).toBe(1);
  });
});

describe('error stages', () => {
  it('trigger-side errors render as a plain Error line; load errors come first', async () => {
    const { validateManifestText: v, manifestErrorChain: chain, firstError: first } = await import('./manifest');
    const text = VALID.replace('component = "hello-rust"', 'component = "ghost"');
    const d = first(v(text))!;
    expect(d.stage).toBe('trigger');
    expect(chain(text, '/a/spin.toml', d)).toEqual({ top: 'missing component "ghost" configured for trigger "ghost-http-trigger"', causes: [] });
    const both = text.replace('allowed_outbound_hosts = []', 'allowed_outbound_hosts = ["nope"]');
    expect(first(v(both))?.stage).toBe('load');
  });
});

import { describe, expect, it } from 'vitest';
import { findTemplate, kebabCase, listTemplates, renderTemplateText, scaffoldFiles, snakeCase, templatesTable } from './templates';
import { validateManifestText } from './manifest';

describe('templates', () => {
  it('has the real template ids, including JS/TS/Python', () => {
    const ids = listTemplates().map((t) => t.id);
    for (const id of ['http-rust', 'http-go', 'http-js', 'http-ts', 'http-py', 'http-empty', 'redis-rust', 'static-fileserver']) {
      expect(ids).toContain(id);
    }
  });

  it('cases names like heck', () => {
    expect(kebabCase('hello_rust')).toBe('hello-rust');
    expect(snakeCase('my-api')).toBe('my_api');
    expect(kebabCase('MyApi')).toBe('my-api');
  });

  it('renders the http-rust spin.toml exactly as Spin v3.1.0+ does (v3.0.0 with the wasm32-wasip1 target)', () => {
    const files = scaffoldFiles(findTemplate('http-rust')!, 'hello-rust', { 'project-description': '', 'http-path': '/...' });
    const spinToml = files.find((f) => f.path === 'spin.toml')!.content;
    expect(spinToml).toBe(`spin_manifest_version = 2

[application]
name = "hello-rust"
version = "0.1.0"
authors = ["Your Name <you@example.com>"]
description = ""

[[trigger.http]]
route = "/..."
component = "hello-rust"

[component.hello-rust]
source = "target/wasm32-wasip1/release/hello_rust.wasm"
allowed_outbound_hosts = []
[component.hello-rust.build]
command = "cargo build --target wasm32-wasip1 --release"
watch = ["src/**/*.rs", "Cargo.toml"]
`);
    expect(files.map((f) => f.path).sort()).toEqual(['.gitignore', 'Cargo.toml', 'spin.toml', 'src/lib.rs']);
    expect(files.find((f) => f.path === 'src/lib.rs')!.content).toContain('fn handle_hello_rust(req: Request)');
    expect(validateManifestText(spinToml).manifest).toBeDefined();
  });

  it('every HTTP template produces a manifest our validator accepts', () => {
    for (const id of ['http-rust', 'http-go', 'http-js', 'http-ts', 'http-py', 'http-empty']) {
      const files = scaffoldFiles(findTemplate(id)!, 'my_api', { 'project-description': 'demo', 'http-path': '/api/...', 'enable-aot': 'N' });
      const v = validateManifestText(files.find((f) => f.path === 'spin.toml')!.content);
      expect(
        v.diagnostics.filter((d) => d.severity === 'error'),
        id,
      ).toEqual([]);
    }
  });

  it('handles the {% if %} of the js templates', () => {
    expect(renderTemplateText("x {% if enable-aot == 'y' or enable-aot == 'Y' %}--aot{% endif %}", { 'enable-aot': 'Y' })).toBe('x --aot');
    expect(renderTemplateText("x {% if enable-aot == 'y' or enable-aot == 'Y' %}--aot{% endif %}", { 'enable-aot': 'N' })).toBe('x ');
  });

  it('prints the comfy-table layout of the docs transcript', () => {
    const table = templatesTable([findTemplate('http-rust')!, findTemplate('redis-rust')!]);
    expect(table.split('\n')).toEqual([
      '+-----------------------------------------------+',
      '| Name         Description                      |',
      '+===============================================+',
      '| http-rust    HTTP request handler using Rust  |',
      '| redis-rust   Redis message handler using Rust |',
      '+-----------------------------------------------+',
    ]);
    // With every bundled template the widths are those of the docs transcript (74 columns).
    const full = templatesTable(listTemplates().filter((t) => t.source.includes('spin v3.0.0')));
    expect(full.split('\n')[0]).toHaveLength(74);
    expect(full).toContain('| http-rust           HTTP request handler using Rust                    |');
  });
});

describe('template sources and the simulated build', () => {
  it('picks the hello component for every fresh template: a reply like res.send() is not an outbound call', async () => {
    const { MemoryFs } = await import('../fs/memory-fs');
    const { standInModuleName } = await import('../toolchain/stand-in');
    for (const id of ['http-rust', 'http-go', 'http-js', 'http-ts', 'http-py', 'http-c', 'http-zig']) {
      const fs = new MemoryFs();
      const files = scaffoldFiles(findTemplate(id)!, 'demo-app', { 'project-description': '', 'http-path': '/...', 'enable-aot': 'N' });
      for (const f of files) {
        fs.mkdir(`/app/${f.path}`.replace(/\/[^/]*$/, ''), { recursive: true });
        fs.writeFile(`/app/${f.path}`, f.content);
      }
      expect([id, standInModuleName(fs, '/app', {})]).toEqual([id, 'wagi-hello']);
    }
  });
});

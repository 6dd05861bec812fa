import { describe, expect, it } from 'vitest';
import { renderMarkdown, runnableCommand, sanitize } from './markdown';

describe('lesson markdown', () => {
  it('splits prose and code blocks; code stays text', () => {
    const pieces = renderMarkdown('Hello **there**\n\n```sh\nwasmtime run <x>.wasm\n```\n\nAfter.');
    expect(pieces.map((p) => p.kind)).toEqual(['html', 'code', 'html']);
    expect(pieces[1]).toEqual({ kind: 'code', lang: 'sh', text: 'wasmtime run <x>.wasm' });
  });

  it('never returns live HTML without a sanitiser (Node has no DOM: everything is escaped)', () => {
    const html = sanitize('<img src=x onerror=alert(1)><script>alert(1)</script>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    const pieces = renderMarkdown('<script>alert(1)</script> text');
    expect(pieces.every((p) => p.kind !== 'html' || !/<script/i.test(p.html))).toBe(true);
  });

  it('offers a run button only for single-command shell blocks', () => {
    expect(runnableCommand({ lang: 'sh', text: '$ wasmtime run hello.wasm' })).toBe('wasmtime run hello.wasm');
    expect(runnableCommand({ lang: '', text: '# comment\ncat data/config.json\n' })).toBe('cat data/config.json');
    expect(runnableCommand({ lang: 'sh', text: 'a\nb' })).toBeNull();
    expect(runnableCommand({ lang: 'json', text: '{}' })).toBeNull();
  });
});

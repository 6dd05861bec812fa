/** Least-privilege grading by ablation, with the real wagi-outbound module and engine. */
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { ablateOutboundHosts, isTooBroad, probeRequest } from '../../src/spin/ablation';
import { validateManifestText } from '../../src/spin/manifest';
import { moduleFile } from './rig';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());

function manifestWith(hosts: string[]) {
  const v = validateManifestText(`spin_manifest_version = 2
[application]
name = "quotes"
[[trigger.http]]
route = "/..."
component = "quotes"
[component.quotes]
source = "quotes.wasm"
allowed_outbound_hosts = ${JSON.stringify(hosts)}
`);
  return v.manifest!;
}

const modules = new Map([['quotes', moduleFile('wagi-outbound')]]);

describe('ablateOutboundHosts', () => {
  it('the needed entry is necessary; an extra one is unnecessary', async () => {
    const r = await ablateOutboundHosts(manifestWith(['https://api.example.com', 'https://cdn.example.org']), modules, engine, probeRequest('/'));
    expect(r.baselineWorks).toBe(true);
    expect(r.entries.map((e) => [e.entry, e.unnecessary, e.tooBroad])).toEqual([
      ['https://api.example.com', false, false],
      ['https://cdn.example.org', true, false],
    ]);
    expect(r.entries[0]?.withoutIt.denied).toEqual(['https://api.example.com']);
  });

  it('*://*:* works but is too broad', async () => {
    const r = await ablateOutboundHosts(manifestWith(['*://*:*']), modules, engine, probeRequest('/'));
    expect(r.baselineWorks).toBe(true);
    expect(r.entries[0]).toMatchObject({ unnecessary: false, tooBroad: true });
  });

  it('a manifest missing the host does not work at baseline', async () => {
    const r = await ablateOutboundHosts(manifestWith([]), modules, engine, probeRequest('/'));
    expect(r.baselineWorks).toBe(false);
    expect(r.baseline.denied).toEqual(['https://api.example.com']);
  });

  it('isTooBroad', () => {
    expect(isTooBroad('*://*:*')).toBe(true);
    expect(isTooBroad('https://*')).toBe(true);
    expect(isTooBroad('https://*.example.com')).toBe(false);
  });
});

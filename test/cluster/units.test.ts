import { describe, expect, it } from 'vitest';
import { loadManifests, toYaml } from '../../src/cluster/yaml';
import { humanDuration, podTemplateHash } from '../../src/cluster/util';
import { formatLabels, matches, parseSelector, SelectorError } from '../../src/cluster/labels';
import { jsonPath } from '../../src/commands/kubectl/jsonpath';
import { getTable } from '../../src/commands/kubectl/table';

describe('the YAML loader', () => {
  it('reads multi-document YAML, skipping empty documents and unpacking Lists', () => {
    const r = loadManifests(
      '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: b\n',
    );
    expect(r.ok && r.docs.map((d) => (d.metadata as { name: string }).name)).toEqual(['a', 'b']);
  });
  it('counts an error line from the start of its own document', () => {
    const r = loadManifests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x: y\n');
    expect(r).toEqual({ ok: false, message: 'error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context' });
  });
  it('names tabs as go-yaml does', () => {
    const r = loadManifests('kind: Pod\nmetadata:\n\tname: x\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^error converting YAML to JSON: yaml: line \d+: found character that cannot start any token$/);
  });
  it('prints -o yaml as sigs.k8s.io/yaml does: sorted keys, unindented sequences', () => {
    expect(toYaml({ spec: { containers: [{ name: 'a', image: 'b' }] }, kind: 'Pod', apiVersion: 'v1' })).toBe(
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: b\n    name: a\n',
    );
  });
});

describe('kubectl formats', () => {
  it('HumanDuration boundaries', () => {
    const s = 1000;
    expect(
      [
        5 * s,
        119 * s,
        120 * s,
        123 * s,
        600 * s,
        179 * 60 * s,
        3 * 3600 * s,
        195 * 60 * s,
        8 * 3600 * s,
        50 * 3600 * s,
        9 * 86400 * s,
        -0.5 * s,
        -5 * s,
      ].map(humanDuration),
    ).toEqual(['5s', '119s', '2m', '2m3s', '10m', '179m', '3h', '3h15m', '8h', '2d2h', '9d', '0s', '<invalid>']);
  });
  it('get tables: columns as wide as the longest cell plus 3, at least 6, the last unpadded', () => {
    expect(
      getTable([
        ['NAME', 'READY'],
        ['x', '1/1'],
      ]),
    ).toBe('NAME   READY\nx      1/1\n');
  });
  it('label selectors: equality and set-based, and their errors', () => {
    const l = { app: 'web', tier: 'front' };
    expect(matches(parseSelector('app=web,tier in (front,back)'), l)).toBe(true);
    expect(matches(parseSelector('app!=web'), l)).toBe(false);
    expect(matches(parseSelector('!tier'), l)).toBe(false);
    expect(matches(parseSelector('tier notin (back)'), l)).toBe(true);
    expect(() => parseSelector('app=web tier')).toThrow(SelectorError);
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
  });
  it('jsonpath: fields, [*], filters and range', () => {
    const data = {
      items: [
        { metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
        { metadata: { name: 'b' }, status: { conditions: [] } },
      ],
    };
    expect(jsonPath('{.items[*].metadata.name}', data)).toBe('a b');
    expect(jsonPath('{range .items[*]}{.metadata.name}{"\\n"}{end}', data)).toBe('a\nb\n');
    expect(jsonPath('{.items[0].status.conditions[?(@.type=="Ready")].status}', data)).toBe('True');
  });
  it('pod-template-hash is stable for equal templates whatever their key order', () => {
    expect(podTemplateHash({ a: 1, b: { c: 2 } })).toBe(podTemplateHash({ b: { c: 2 }, a: 1 }));
    expect(podTemplateHash({ a: 1 })).not.toBe(podTemplateHash({ a: 2 }));
  });
});

import { describe, expect, it } from 'vitest';
import { diagnoseKubernetes } from './kubernetes';

describe('Kubernetes schema diagnostics', () => {
  it('marks an unknown SpinApp field at its key, as strict decoding would reject it', () => {
    const text =
      'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: my-api\nspec:\n  image: ghcr.io/example/my-api:latest\n  replica: 3\n';
    const d = diagnoseKubernetes(text);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 7, column: 3, severity: 'error' });
    expect(d[0]!.message).toMatch(/^unknown field "spec\.replica"/);
  });
  it('checks every document, wrong types and required fields, and leaves valid ones alone', () => {
    const text =
      'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: w\nhandler: spin\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: eighty\n';
    const d = diagnoseKubernetes(text);
    expect(d.map((x) => x.message)).toEqual(['spec.containers[0].ports[0].containerPort: expected an integer, got "eighty"']);
    expect(d[0]!.line).toBe(16);
    expect(diagnoseKubernetes('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {}\n').map((x) => x.message)).toEqual([
      'spec.containers: Required value',
    ]);
  });
  it('says a kind is unknown without its CRD, and ignores files that are not manifests', () => {
    expect(diagnoseKubernetes('apiVersion: example.com/v1\nkind: Widget\n')[0]!.message).toMatch(/no matches for kind "Widget"/);
    expect(diagnoseKubernetes('name: x\nvalues: [1, 2]\n')).toEqual([]);
  });
});

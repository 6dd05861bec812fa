/**
 * Kubernetes manifests in the editor: once the Dojo is up (the browser: after the first prompt) a
 * `.yaml`/`.yml` file holding a Kubernetes object gets the API server's schema checks through the
 * editor's diagnostics seam, beside its YAML syntax errors; other YAML gets only its syntax errors.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../support/dojo';
import { diagnose } from '../../src/editor/diagnostics';

const SPINAPP =
  'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: my-api\nspec:\n  image: ghcr.io/example/my-api:latest\n  replica: 3\n';

/** The diagnostics chunk loads in the background after the Dojo starts. */
async function until<T>(get: () => T, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = get();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  return get();
}

describe('Kubernetes diagnostics in the editor', () => {
  it('marks what kubectl apply would refuse in a manifest, only in YAML that is Kubernetes', async () => {
    const d = await makeDojo({ lessons: false });
    const marks = await until(
      () => diagnose('/home/learner/my-api.yaml', SPINAPP),
      (m) => m.length > 0,
    );
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ line: 7, column: 3, severity: 'error' });
    expect(marks[0]!.message).toMatch(/^unknown field "spec\.replica"/);
    // .yml too; a kind whose CRD the cluster does not know is a warning.
    expect(diagnose('/home/learner/w.yml', 'apiVersion: example.com/v1\nkind: Widget\n')[0]).toMatchObject({ severity: 'warning' });
    // YAML that is not a Kubernetes object: only syntax, and a valid one has no markers.
    expect(diagnose('/home/learner/.github/ci.yaml', 'name: ci\non: [push]\njobs:\n  build:\n    replica: 3\n')).toEqual([]);
    // A syntax error still shows (once) in a manifest.
    const broken = diagnose('/home/learner/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [p\n');
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((m) => m.severity === 'error' && !/unknown field/.test(m.message))).toBe(true);
    // Not YAML: untouched.
    expect(diagnose('/home/learner/my-api.txt', SPINAPP)).toEqual([]);
    d.services.machine.jobs.stopAll();
  });
});

/**
 * A Kubernetes lesson's `restart` and `reset` start its cluster over with it: back to how the
 * cluster was when the lesson was opened (what an earlier lesson built stays), helm's releases
 * included; another chapter's lesson leaves the cluster alone.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo, type DojoRig } from '../support/dojo';

const names = async (d: DojoRig, what: string) => (await d.type(`kubectl get ${what} -o name`, { tty: false })).stdout;
/** The cluster work the feature starts on a lesson event settles within a few ticks. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('a Kubernetes lesson resets the cluster with it', () => {
  it('restart and reset bring the cluster back to how the lesson found it', async () => {
    const d = await makeDojo();
    expect((await d.type('kubectl create namespace before', { tty: false })).stdout).toBe('namespace/before created\n');
    expect((await d.type('lesson k8s-primer-pod', { tty: false })).status).toBe(0);
    await settle();
    expect((await d.type('kubectl create namespace during', { tty: false })).stdout).toMatch(/^namespace\/during created\n/);
    await d.type('kubectl dojo node --without spin', { tty: false });
    expect(await names(d, 'namespaces')).toMatch(/namespace\/during/);

    expect((await d.type('restart', { tty: false })).status).toBe(0);
    await settle();
    const after = await names(d, 'namespaces');
    expect(after).toMatch(/namespace\/before\n/);
    expect(after).not.toMatch(/during/);
    // The node staged during the lesson has its Spin shim back.
    expect((await d.type('kubectl dojo node', { tty: false })).stdout).toMatch(/spin/);

    await d.type('kubectl create namespace again', { tty: false });
    expect((await d.type('reset', { tty: false })).status).toBe(0);
    await settle();
    expect(await names(d, 'namespaces')).not.toMatch(/again/);
    d.services.machine.jobs.stopAll();
  });

  it("helm releases installed during the lesson go with the lesson's restart", async () => {
    const d = await makeDojo();
    await d.type('lesson k8s-install-spinkube', { tty: false });
    await settle();
    await d.type('kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.14.3/cert-manager.yaml', { tty: false });
    const installed = await d.type(
      'helm install spin-operator --namespace spin-operator --create-namespace --version 0.4.0 oci://ghcr.io/spinkube/charts/spin-operator',
      {
        tty: false,
      },
    );
    expect(installed.stdout).toMatch(/STATUS: deployed/);
    expect((await d.type('helm list -A', { tty: false })).stdout).toMatch(/spin-operator/);
    await d.type('restart', { tty: false });
    await settle();
    expect((await d.type('helm list -A', { tty: false })).stdout).not.toMatch(/spin-operator/);
    expect(await names(d, 'namespaces')).not.toMatch(/cert-manager|spin-operator/);
    d.services.machine.jobs.stopAll();
  });

  it("another chapter's lesson restart leaves the cluster alone", async () => {
    const d = await makeDojo();
    const other = d.lessonSystem.runtime.lessons.find((l) => l.chapter !== 6)!;
    await d.type(`lesson ${other.id}`, { tty: false });
    await settle();
    await d.type('kubectl create namespace kept', { tty: false });
    await d.type('restart', { tty: false });
    await settle();
    expect(await names(d, 'namespaces')).toMatch(/namespace\/kept/);
    d.services.machine.jobs.stopAll();
  });
});

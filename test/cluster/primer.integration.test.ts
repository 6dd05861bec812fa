/**
 * Primer §5 end to end through the product (makeDojo): the real modules run as pods.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo, type DojoRig } from '../support/dojo';
import { strip } from '../../src/lib/ansi';

async function waitFor(d: DojoRig, line: string, ok: (out: string) => boolean, what: string, timeoutMs = 10000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const r = await d.type(line, { tty: false });
    if (ok(r.stdout + r.stderr)) return r.stdout + r.stderr;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last:\n${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const RUNTIME_CLASS = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: wasmtime
handler: wasmtime
`;
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: wasm-hello
spec:
  runtimeClassName: wasmtime
  containers:
  - name: hello
    image: ghcr.io/example/hello-wasm:latest
    command: ["/"]
    ports:
    - containerPort: 80
`;

describe('primer §5 in the Dojo', () => {
  it("a RuntimeClass + Pod: kubectl logs shows the module's real output", async () => {
    const d = await makeDojo({ lessons: false });
    d.fs.writeFile('/home/learner/runtimeclass.yaml', RUNTIME_CLASS);
    d.fs.writeFile('/home/learner/wasm-pod.yaml', POD);
    // Before the RuntimeClass: the admission plugin's refusal.
    const refused = await d.type('kubectl apply -f wasm-pod.yaml', { tty: false });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'Error from server (Forbidden): error when creating "wasm-pod.yaml": pods "wasm-hello" is forbidden: pod rejected: RuntimeClass "wasmtime" not found\n',
    );
    expect((await d.type('kubectl apply -f runtimeclass.yaml', { tty: false })).stdout).toBe('runtimeclass.node.k8s.io/wasmtime created\n');
    expect((await d.type('kubectl apply -f wasm-pod.yaml', { tty: false })).stdout).toBe('pod/wasm-hello created\n');
    expect((await d.type('kubectl apply -f wasm-pod.yaml', { tty: false })).stdout).toBe('pod/wasm-hello unchanged\n');
    await waitFor(d, 'kubectl get pods', (o) => /wasm-hello\s+0\/1\s+(Completed|CrashLoopBackOff)/.test(o), 'the pod to run');
    const logs = await waitFor(d, 'kubectl logs wasm-hello', (o) => o.includes('Hello, world!'), 'the log');
    expect(logs).toBe('Hello, world!\n');
    const described = strip((await d.type('kubectl describe pod wasm-hello', { tty: false })).stdout);
    expect(described).toMatch(/^Runtime Class Name:\s+wasmtime$/m);
    expect(described).toMatch(/Normal\s+Started\s+\S+\s+kubelet\s+Started container hello/);
    d.services.machine.jobs.stopAll();
  });

  it('SpinKube in order: three Running pods from a SpinApp, curl through port-forward', async () => {
    const d = await makeDojo({ lessons: false });
    const SO = 'https://github.com/spinkube/spin-operator/releases/download/v0.4.0';
    // The operator before cert-manager fails as the reference records.
    const early = await d.type(
      'helm install spin-operator --namespace spin-operator --create-namespace --version 0.4.0 --wait oci://ghcr.io/spinkube/charts/spin-operator',
      { tty: false },
    );
    expect(early.status).toBe(1);
    expect(early.stderr).toContain(
      'Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: [resource mapping not found for name: "spin-operator-serving-cert" namespace: "spin-operator" from "": no matches for kind "Certificate" in version "cert-manager.io/v1"',
    );
    expect(
      (await d.type('kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.14.3/cert-manager.yaml', { tty: false }))
        .stdout,
    ).toContain('deployment.apps/cert-manager-webhook created');
    const waited = await d.type('kubectl wait --for=condition=available --timeout=300s deployment/cert-manager-webhook -n cert-manager', {
      tty: false,
    });
    expect(waited.stdout).toBe('deployment.apps/cert-manager-webhook condition met\n');
    expect((await d.type(`kubectl apply -f ${SO}/spin-operator.runtime-class.yaml`, { tty: false })).stdout).toBe(
      'runtimeclass.node.k8s.io/wasmtime-spin-v2 created\n',
    );
    expect((await d.type(`kubectl apply -f ${SO}/spin-operator.crds.yaml`, { tty: false })).stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io/spinappexecutors.core.spinkube.dev created\ncustomresourcedefinition.apiextensions.k8s.io/spinapps.core.spinkube.dev created\n',
    );
    const installed = await d.type(
      'helm install spin-operator --namespace spin-operator --create-namespace --version 0.4.0 --wait oci://ghcr.io/spinkube/charts/spin-operator',
      { tty: false },
    );
    expect(installed.status).toBe(0);
    expect(installed.stdout).toMatch(
      /^NAME: spin-operator\nLAST DEPLOYED: .+\nNAMESPACE: spin-operator\nSTATUS: deployed\nREVISION: 1\nTEST SUITE: None\nNOTES:\nspin-operator 0.4.0 is now deployed!/,
    );
    expect((await d.type(`kubectl apply -f ${SO}/spin-operator.shim-executor.yaml`, { tty: false })).stdout).toBe(
      'spinappexecutor.core.spinkube.dev/containerd-shim-spin created\n',
    );
    d.fs.writeFile(
      '/home/learner/app.yaml',
      'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: my-api\nspec:\n  image: ghcr.io/example/my-api:latest\n  replicas: 3\n  executor: containerd-shim-spin\n',
    );
    expect((await d.type('cat app.yaml | kubectl apply -f -', { tty: false })).stdout).toBe('spinapp.core.spinkube.dev/my-api created\n');
    const pods = await waitFor(
      d,
      'kubectl get pods -l core.spinkube.dev/app-name=my-api',
      (o) => (o.match(/1\/1\s+Running/g) ?? []).length === 3,
      'three running pods',
    );
    expect(pods.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    await waitFor(d, 'kubectl get spinapps', (o) => /my-api\s+3\s+3\s+containerd-shim-spin/.test(o), 'readyReplicas 3');
    expect((await d.type('kubectl get spinapps', { tty: false })).stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+DESIRED\s+EXECUTOR$/);
    const pf = await d.type('kubectl port-forward svc/my-api 8080:80', { tty: false });
    expect(pf.stdout).toContain('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    const curl = await d.type('curl -s localhost:8080/hello', { tty: false });
    expect(curl.stdout).toContain('You asked for GET /hello');
    d.services.machine.jobs.stopAll();
  }, 30000);
});

/**
 * E2E in Chromium: primer §5 typed in the terminal. The primer's RuntimeClass (handler spin) and Pod
 * fail as a real node fails them; the fix (handler wasmtime) shows the module's real output in
 * kubectl logs; SpinKube installed in its order runs a three-replica SpinApp; port-forward + curl
 * reach a pod; a reload keeps the cluster. The fix is typed in the primer's here-document form
 * (`kubectl apply -f - <<EOF`, one line at a time at the `> ` continuation prompt); the other files
 * are written with `echo -e`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dojoPerTest } from '../lib/fixture.mjs';
import { lastLine, PROMPT_RE, reloadDojo, run, waitForPrompt, waitForScreen } from '../lib/terminal.mjs';

const withDojo = dojoPerTest();
const flat = (s) => s.replace(/\n/g, '');

/** Runs `line` until its output matches `re` (the cluster settles in the background). */
async function until(page, line, re, timeout = 30000) {
  const start = Date.now();
  for (;;) {
    const out = await run(page, line, { timeout: 20000 });
    if (re.test(flat(out))) return out;
    if (Date.now() - start > timeout) throw new Error(`"${line}" never matched ${re}; last:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Types a here-document command line by line as a learner does: after each line but the last the
 * terminal must show the `> ` continuation prompt; returns the output of the finished command.
 */
async function typeHeredoc(page, lines, timeout = 30000) {
  await page.keyboard.press('Control+L');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    if (i === lines.length - 1) break;
    await waitForScreen(page, (_t, rows) => (/^>\s*$/.test(lastLine(rows)) ? rows : null), { what: `the > prompt after "${line}"` });
  }
  const end = `> ${lines.at(-1)}`;
  const { output } = await waitForScreen(
    page,
    (_t, rows) => {
      const at = rows.lastIndexOf(end);
      if (at < 0) return null;
      for (let j = at + 1; j < rows.length; j++) if (PROMPT_RE.test(rows[j])) return { output: rows.slice(at + 1, j).join('\n') };
      return null;
    },
    { timeout, what: 'the here-document command to finish' },
  );
  return output;
}

const SO = 'https://github.com/spinkube/spin-operator/releases/download/v0.4.0';

test('primer §5: a staged failure and its fix, SpinKube, port-forward + curl, kept across a reload', () =>
  withDojo(async (page) => {
    await run(
      page,
      'echo -e \'apiVersion: node.k8s.io/v1\\nkind: RuntimeClass\\nmetadata:\\n  name: wasmtime\\nhandler: spin\\n---\\napiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: wasm-hello\\nspec:\\n  runtimeClassName: wasmtime\\n  containers:\\n  - name: hello\\n    image: ghcr.io/example/hello-wasm:latest\\n    command: ["/"]\' > wasm-pod.yaml',
    );
    assert.match(
      flat(await run(page, 'kubectl apply -f wasm-pod.yaml', { timeout: 30000 })),
      /runtimeclass\.node\.k8s\.io\/wasmtime created.*pod\/wasm-hello created/,
    );
    // The Spin shim cannot run a plain WASI module: StartError, then CrashLoopBackOff.
    await until(page, 'kubectl get pods', /wasm-hello\s+0\/1\s+(StartError|CrashLoopBackOff)/);
    assert.match(flat(await run(page, 'kubectl describe pod wasm-hello | tail -3')), /dojo: the "spin" handler is containerd-shim-spin/);
    // The fix: a class whose handler is the Wasmtime shim (the handler is immutable: recreate).
    await run(page, 'kubectl delete pod wasm-hello', { timeout: 30000 });
    await run(page, 'kubectl delete runtimeclass wasmtime');
    assert.equal(
      await typeHeredoc(page, [
        'kubectl apply -f - <<EOF',
        'apiVersion: node.k8s.io/v1',
        'kind: RuntimeClass',
        'metadata:',
        '  name: wasmtime',
        'handler: wasmtime',
        'EOF',
      ]),
      'runtimeclass.node.k8s.io/wasmtime created',
    );
    assert.match(flat(await run(page, 'kubectl get runtimeclass')), /NAME\s+HANDLER\s+AGE.*wasmtime\s+wasmtime\s/);
    assert.equal(
      await typeHeredoc(page, [
        "kubectl apply -f - <<'EOF'",
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: wasm-hello',
        'spec:',
        '  runtimeClassName: wasmtime',
        '  containers:',
        '  - name: hello',
        '    image: ghcr.io/example/hello-wasm:latest',
        'EOF',
      ]),
      'pod/wasm-hello created',
    );
    // The module really ran under the Wasmtime shim: it completed, and its stdout is the log.
    await until(page, 'kubectl get pods', /wasm-hello\s+0\/1\s+(Completed|CrashLoopBackOff)/);
    await until(page, 'kubectl logs wasm-hello', /Hello, world!/);

    // The primer's repo add fails as a missing repository does, with the OCI form after it.
    assert.match(
      flat(await run(page, 'helm repo add spinkube https://spinkube.github.io/charts')),
      /is not a valid chart repository.*dojo: SpinKube publishes no Helm repository/,
    );
    for (const line of [
      'kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.14.3/cert-manager.yaml',
      'kubectl wait --for=condition=available --timeout=300s deployment/cert-manager-webhook -n cert-manager',
      `kubectl apply -f ${SO}/spin-operator.runtime-class.yaml`,
      `kubectl apply -f ${SO}/spin-operator.crds.yaml`,
      'helm install spin-operator --namespace spin-operator --create-namespace --version 0.4.0 --wait oci://ghcr.io/spinkube/charts/spin-operator | tail -2',
      `kubectl apply -f ${SO}/spin-operator.shim-executor.yaml`,
    ]) {
      await run(page, line, { timeout: 60000 });
    }
    await run(
      page,
      "echo -e 'apiVersion: core.spinkube.dev/v1alpha1\\nkind: SpinApp\\nmetadata:\\n  name: my-api\\nspec:\\n  image: ghcr.io/example/my-api:latest\\n  replicas: 3\\n  executor: containerd-shim-spin' > my-api.yaml",
    );
    assert.match(await run(page, 'cat my-api.yaml | kubectl apply -f -'), /spinapp\.core\.spinkube\.dev\/my-api created/);
    await until(page, 'kubectl get spinapps', /NAME\s+READY\s+DESIRED\s+EXECUTOR.*my-api\s+3\s+3\s+containerd-shim-spin/);
    const pods = await run(page, 'kubectl get pods -l core.spinkube.dev/app-name=my-api');
    assert.equal((pods.match(/1\/1\s+Running/g) ?? []).length, 3, pods);
    assert.match(flat(await run(page, 'kubectl port-forward svc/my-api 8080:80')), /Forwarding from 127\.0\.0\.1:8080 -> 80/);
    assert.match(flat(await run(page, 'curl -s localhost:8080/hello', { timeout: 20000 })), /You asked for GET \/hello/);
    await run(page, 'kill %1');

    // A reload keeps the cluster.
    await reloadDojo(page);
    await waitForPrompt(page);
    await until(page, 'kubectl get spinapps', /my-api\s+3\s+3\s+containerd-shim-spin/, 40000);
  }));

test('the editor marks what kubectl apply would refuse in a manifest, and not in other YAML', () =>
  withDojo(async (page) => {
    const squiggles = page.locator('.monaco-editor .squiggly-error');
    await run(page, "echo -e 'name: ci\\non: [push]\\njobs:\\n  build:\\n    replica: 3' > ci.yaml");
    await run(page, 'edit ci.yaml');
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'jobs:' }).waitFor({ timeout: 20000 });
    // Not a Kubernetes object: valid YAML, no marker (give the diagnostics time to run).
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await squiggles.count(), 0);
    await page.locator('.xterm-helper-textarea').focus();
    await run(
      page,
      "echo -e 'apiVersion: core.spinkube.dev/v1alpha1\\nkind: SpinApp\\nmetadata:\\n  name: my-api\\nspec:\\n  image: ghcr.io/example/my-api:latest\\n  replica: 3' > my-api.yaml",
    );
    await run(page, 'edit my-api.yaml');
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'SpinApp' }).waitFor({ timeout: 20000 });
    // strict decoding would reject spec.replica: one error marker, on that key.
    await squiggles.first().waitFor({ state: 'attached', timeout: 10000 });
    assert.equal(await squiggles.count(), 1);
  }));

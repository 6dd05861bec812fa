/**
 * The primer's `kubectl apply -f - <<EOF … EOF`, typed line by line as the terminal reads it: each
 * line goes through the shell's `readLine` (the `> ` continuation prompt while the here-document is
 * open), and only the finished command runs, its body reaching kubectl on stdin.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo, type DojoRig } from '../support/dojo';
import { loadEngine } from '../../src/shell/engine-loader';
import type { CommandSoFar } from '../../src/shell/continuation';

/** Types `lines` as the terminal does; returns the output of the command they complete and how many lines asked for more. */
async function typeLines(d: DojoRig, lines: string[]): Promise<{ out: string; status: number; continued: number }> {
  let so: CommandSoFar | undefined;
  let continued = 0;
  for (const typed of lines) {
    const read = d.terminalShell.readLine?.(typed, so);
    if (read?.why) {
      expect(read.why).toBe('heredoc');
      so = read;
      continued++;
      continue;
    }
    const r = await d.type(read?.text ?? typed, { tty: false });
    return { out: r.stdout + r.stderr, status: r.status, continued };
  }
  throw new Error('the here-document never ended');
}

async function waitFor(d: DojoRig, line: string, re: RegExp, timeoutMs = 10000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const r = await d.type(line, { tty: false });
    if (re.test(r.stdout)) return r.stdout;
    if (Date.now() - start > timeoutMs) throw new Error(`"${line}" never matched ${re}; last:\n${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('kubectl apply -f - with a here-document', () => {
  it('applies a RuntimeClass and a Pod typed line by line; the pod runs', async () => {
    await loadEngine(); // the browser loads the interpreter once the first prompt is up
    const d = await makeDojo({ lessons: false });
    const rc = await typeLines(d, [
      'kubectl apply -f - <<EOF',
      'apiVersion: node.k8s.io/v1',
      'kind: RuntimeClass',
      'metadata:',
      '  name: wasmtime',
      'handler: wasmtime',
      'EOF',
    ]);
    expect(rc).toEqual({ out: 'runtimeclass.node.k8s.io/wasmtime created\n', status: 0, continued: 6 });
    // The quoted form (no expansion: `$HOME` reaches kubectl as typed, in an annotation).
    const pod = await typeLines(d, [
      "kubectl apply -f - <<'EOF'",
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: wasm-hello',
      '  annotations:',
      '    note: "$HOME"',
      'spec:',
      '  runtimeClassName: wasmtime',
      '  containers:',
      '  - name: hello',
      '    image: ghcr.io/example/hello-wasm:latest',
      'EOF',
    ]);
    expect(pod).toEqual({ out: 'pod/wasm-hello created\n', status: 0, continued: 12 });
    expect((await d.type('kubectl get runtimeclass wasmtime -o name', { tty: false })).stdout).toBe('runtimeclass.node.k8s.io/wasmtime\n');
    expect((await d.type("kubectl get pod wasm-hello -o jsonpath='{.metadata.annotations.note}'", { tty: false })).stdout).toBe('$HOME');
    await waitFor(d, 'kubectl get pods', /wasm-hello\s+0\/1\s+(Completed|CrashLoopBackOff)/);
    expect(await waitFor(d, 'kubectl logs wasm-hello', /Hello, world!/)).toBe('Hello, world!\n');
    d.services.machine.jobs.stopAll();
  });
});

/**
 * The kubelet of the cluster's one node. For each pod bound to the node it does what the real
 * kubelet and containerd do (pkg/kubelet/kuberuntime, images; containerd CRI), in the same order and
 * with the same reasons and events:
 *   sandbox — the RuntimeClass handler must be a runtime of the node's containerd, else
 *     `FailedCreatePodSandBox … no runtime for "spin" is configured`, retried (and aggregated);
 *   image — resolved through the ImageSource (`Pulling`, `Pulled`, or `Failed` + ErrImagePull, then
 *     ImagePullBackOff with the 10 s → 300 s back-off);
 *   shim — the handler's shim must be able to run the image: the Spin shim wants a Spin app, the
 *     runwasi shims (wasmtime, wasmedge) a plain WASI module, runc a Linux image;
 *   start — `Created`, `Started`; a WASI module REALLY runs in the Dojo's Wasm engine (its
 *     stdout/stderr are the container log; its exit code the terminated state, Completed or Error,
 *     restarted per restartPolicy with CrashLoopBackOff's back-off); a Spin app is served through the
 *     same Spin HTTP host `spin up` uses, one per pod, on the pod's IP, port 80.
 * Linux images (cert-manager, the operator) have no process in the Dojo: they are simulated as
 * running, and their log says so.
 */
import type { ApiServer } from './apiserver';
import type { EventRecorder } from './events';
import { isImageError, type ImageSource, type ResolvedImage } from './images';
import { dig, isDict, listOf, str, type Dict, type KObject } from './types';
import type { ResourceType } from './schema';
import { goDuration, rfc3339 } from './util';
import type { RunResult, WasmEngine } from '../runtime/types';
import type { RequestHandler } from '../machine/network';
import { createSpinAppHandler } from '../spin/app-host';
import { loadSpinAppFromArtifact } from '../spin/app-loader';

/** client-go util/flowcontrol backoff as the kubelet configures it: 10 s doubling to 300 s. */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** How often a failing sandbox is retried. The one real capture shows about 12 s (x23 over 4m38s). */
export const SANDBOX_RETRY_MS = 12_000;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface KubeletOptions {
  api: ApiServer;
  events: EventRecorder;
  images: ImageSource;
  engine: () => WasmEngine | undefined;
  nodeName: string;
  /** The node's containerd runtimes by handler name (e.g. spin → io.containerd.spin.v2). */
  runtimes: () => Record<string, string>;
  timers: Timers;
  /** ms between the steps of a pod's start (ContainerCreating, pull, start): short, but visible. */
  stepMs: number;
  onRun?: (label: string, result: RunResult) => void;
  changed: () => void;
}

/** The Wasm shim kinds and what image they run. */
function shimFor(runtimeType: string): 'spin' | 'wasi' | 'runc' {
  if (runtimeType.includes('spin')) return 'spin';
  if (runtimeType.includes('runc')) return 'runc';
  return 'wasi';
}

interface ContainerRec {
  name: string;
  restarts: number;
  /** Back-off entry: the delay the next restart waits, 0 = none yet (first restart is at once). */
  backoffMs: number;
  lastExitAt: number;
  pullBackoffMs: number;
  running?: { abort: AbortController; startedAt: number; id: string };
  lastTerminated?: Dict;
  logs: string[];
  previousLogs?: string[];
  image?: ResolvedImage;
  timer?: unknown;
  waiting?: { reason: string; message?: string };
  terminated?: Dict;
  ready: boolean;
}

interface PodRec {
  uid: string;
  ns: string;
  name: string;
  ip: string;
  started: boolean;
  sandboxOk: boolean;
  timer?: unknown;
  containers: Map<string, ContainerRec>;
  servers: Map<number, RequestHandler>;
  startTime: string;
  stopping: boolean;
}

const MAX_LOG_LINES = 5000;
const pulledOnce = new WeakMap<object, Set<string>>();

export class Kubelet {
  private readonly pods = new Map<string, PodRec>();
  private ipNext = 2;
  private readonly pulled: Set<string>;
  /** Module runs and image pulls under way (tests on a hand-moved clock wait for them). */
  inflight = 0;

  constructor(private readonly o: KubeletOptions) {
    let p = pulledOnce.get(o.api);
    if (!p) pulledOnce.set(o.api, (p = new Set()));
    this.pulled = p;
  }

  private get podType(): ResourceType {
    return this.o.api.resolveType('pods')!;
  }

  /** Called by the loop: starts pods newly bound here, stops deleted ones. */
  sync(): void {
    const seen = new Set<string>();
    for (const p of this.o.api.list(this.podType)) {
      if (dig(p, 'spec', 'nodeName') !== this.o.nodeName) continue;
      seen.add(p.metadata.uid);
      let rec = this.pods.get(p.metadata.uid);
      if (!rec) {
        rec = this.admit(p);
        if (!rec) continue;
      }
      if (p.metadata.deletionTimestamp && !rec.stopping) this.stop(rec, p);
    }
    for (const [uid, rec] of this.pods) if (!seen.has(uid)) this.teardown(rec);
  }

  private admit(p: KObject): PodRec | undefined {
    const phase = str(dig(p, 'status', 'phase'));
    const rec: PodRec = {
      uid: p.metadata.uid,
      ns: p.metadata.namespace ?? 'default',
      name: p.metadata.name,
      ip: str(dig(p, 'status', 'podIP')) ?? `10.244.0.${this.ipNext++ % 250}`,
      started: false,
      sandboxOk: false,
      containers: new Map(),
      servers: new Map(),
      startTime: str(dig(p, 'status', 'startTime')) ?? rfc3339(this.o.api.now()),
      stopping: false,
    };
    for (const c of listOf(dig(p, 'spec', 'containers'))) {
      const name = str(dig(c, 'name')) ?? '';
      const prev = listOf(dig(p, 'status', 'containerStatuses')).find((s) => isDict(s) && s.name === name);
      rec.containers.set(name, {
        name,
        restarts: Number(dig(prev, 'restartCount') ?? 0),
        backoffMs: 0,
        lastExitAt: 0,
        pullBackoffMs: 0,
        logs: [],
        ready: false,
      });
    }
    this.pods.set(rec.uid, rec);
    if (phase === 'Succeeded' || phase === 'Failed') return rec;
    rec.timer = this.o.timers.setTimeout(() => this.firstSync(rec), this.o.stepMs);
    return rec;
  }

  private current(rec: PodRec): KObject | undefined {
    const p = this.o.api.get(this.podType, rec.ns, rec.name);
    return p && p.metadata.uid === rec.uid ? p : undefined;
  }

  private event(rec: PodRec, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
    const p = this.current(rec);
    if (p)
      this.o.events.record(
        p,
        this.podType,
        type,
        reason,
        message,
        { component: 'kubelet', host: this.o.nodeName },
        container ? `spec.containers{${container}}` : undefined,
      );
  }

  private spec(rec: PodRec): Dict {
    const s = dig(this.current(rec), 'spec');
    return isDict(s) ? s : {};
  }

  private containerSpec(rec: PodRec, name: string): Dict {
    const c = listOf(this.spec(rec).containers).find((x) => isDict(x) && x.name === name);
    return isDict(c) ? c : {};
  }

  /** Writes the pod's status from the kubelet's records (pkg/kubelet/status). */
  private writeStatus(rec: PodRec): void {
    const p = this.current(rec);
    if (!p) return;
    const now = rfc3339(this.o.api.now());
    const specContainers = listOf(dig(p, 'spec', 'containers'));
    const statuses = [...rec.containers.values()].map((c) => {
      const cs = this.containerSpec(rec, c.name);
      const state: Dict = c.running
        ? { running: { startedAt: rfc3339(c.running.startedAt) } }
        : c.waiting
          ? { waiting: { ...c.waiting } }
          : c.terminated
            ? { terminated: c.terminated }
            : { waiting: { reason: 'ContainerCreating' } };
      return {
        name: c.name,
        image: str(cs.image) ?? '',
        imageID: c.image ? `${c.image.ref.replace(/:[^/:]+$/, '')}@${c.image.digest}` : '',
        ...(c.running ? { containerID: `containerd://${c.running.id}` } : {}),
        ready: c.ready,
        restartCount: c.restarts,
        started: !!c.running,
        state,
        lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
      };
    });
    const allReady = statuses.length === specContainers.length && statuses.every((s) => s.ready);
    const allDone = statuses.every((s) => isDict(s.state) && 'terminated' in s.state);
    const restartPolicy = str(dig(p, 'spec', 'restartPolicy')) ?? 'Always';
    let phase = 'Pending';
    if (statuses.some((s) => s.started) || (rec.started && [...rec.containers.values()].some((c) => c.restarts > 0 || c.lastTerminated)))
      phase = 'Running';
    if (allDone && restartPolicy !== 'Always') {
      const failed = statuses.some((s) => Number(dig(s, 'state', 'terminated', 'exitCode')) !== 0);
      phase = restartPolicy === 'Never' || !failed ? (failed ? 'Failed' : 'Succeeded') : phase;
    }
    this.o.api.patchStatus(this.podType, p, (x) => {
      const old = isDict(x.status) ? x.status : {};
      const prev = listOf(old.conditions).filter(isDict);
      const cond = (type: string, ok: boolean, reason?: string) => {
        const c = prev.find((y) => y.type === type);
        const status = ok ? 'True' : 'False';
        return {
          type,
          status,
          lastProbeTime: null,
          lastTransitionTime: c && c.status === status ? c.lastTransitionTime : now,
          ...(reason && !ok ? { reason } : {}),
        };
      };
      const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
      x.status = {
        ...old,
        phase,
        conditions: [
          cond('PodReadyToStartContainers', rec.sandboxOk),
          cond('Initialized', true),
          {
            ...cond('Ready', allReady, 'ContainersNotReady'),
            ...(allReady ? {} : { message: `containers with unready status: [${notReady.join(' ')}]` }),
          },
          {
            ...cond('ContainersReady', allReady, 'ContainersNotReady'),
            ...(allReady ? {} : { message: `containers with unready status: [${notReady.join(' ')}]` }),
          },
          cond('PodScheduled', true),
        ],
        hostIP: '172.18.0.2',
        hostIPs: [{ ip: '172.18.0.2' }],
        ...(rec.sandboxOk ? { podIP: rec.ip, podIPs: [{ ip: rec.ip }] } : {}),
        startTime: rec.startTime,
        containerStatuses: statuses,
        qosClass: old.qosClass ?? 'BestEffort',
      };
    });
    this.o.changed();
  }

  private firstSync(rec: PodRec): void {
    if (!this.current(rec) || rec.stopping) return;
    rec.started = true;
    this.writeStatus(rec);
    this.sandbox(rec);
  }

  private sandbox(rec: PodRec): void {
    if (!this.current(rec) || rec.stopping) return;
    const rcName = str(this.spec(rec).runtimeClassName);
    let handler = 'runc';
    if (rcName) {
      const rc = this.o.api.get(this.o.api.resolveType('runtimeclasses')!, undefined, rcName);
      handler = str(rc?.handler) ?? rcName;
    }
    const runtimes = this.o.runtimes();
    if (!runtimes[handler]) {
      // containerd pkg/cri: `no runtime for %q is configured`, wrapped by the kubelet's sandbox error.
      this.event(
        rec,
        'Warning',
        'FailedCreatePodSandBox',
        `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "${handler}" is configured`,
      );
      rec.timer = this.o.timers.setTimeout(() => this.sandbox(rec), SANDBOX_RETRY_MS);
      return;
    }
    rec.sandboxOk = true;
    this.writeStatus(rec);
    for (const c of rec.containers.values()) this.pullAndStart(rec, c, shimFor(runtimes[handler]!), handler);
  }

  private pullAndStart(rec: PodRec, c: ContainerRec, shim: 'spin' | 'wasi' | 'runc', handler: string): void {
    const image = str(this.containerSpec(rec, c.name).image) ?? '';
    const policy = str(this.containerSpec(rec, c.name).imagePullPolicy) ?? 'IfNotPresent';
    const cached = this.pulled.has(image) && policy !== 'Always';
    if (cached) this.event(rec, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, c.name);
    else this.event(rec, 'Normal', 'Pulling', `Pulling image "${image}"`, c.name);
    const began = this.o.api.now();
    c.timer = this.o.timers.setTimeout(() => {
      this.inflight++;
      void this.o.images.resolve(image).then((r) => {
        this.inflight--;
        if (!this.current(rec) || rec.stopping) return;
        if (isImageError(r)) {
          this.event(rec, 'Warning', 'Failed', `Failed to pull image "${image}": ${r.message}`, c.name);
          this.event(rec, 'Warning', 'Failed', 'Error: ErrImagePull', c.name);
          c.waiting = { reason: 'ErrImagePull', message: r.message };
          this.writeStatus(rec);
          c.pullBackoffMs = c.pullBackoffMs ? Math.min(c.pullBackoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_BASE_MS;
          c.timer = this.o.timers.setTimeout(() => {
            if (!this.current(rec) || rec.stopping) return;
            this.event(rec, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c.name);
            this.event(rec, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
            c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${r.message}` };
            this.writeStatus(rec);
            c.timer = this.o.timers.setTimeout(() => this.pullAndStart(rec, c, shim, handler), c.pullBackoffMs);
          }, this.o.stepMs);
          return;
        }
        c.image = r;
        if (!cached) {
          const took = Math.max(1, this.o.api.now() - began);
          this.pulled.add(image);
          this.event(
            rec,
            'Normal',
            'Pulled',
            `Successfully pulled image "${image}" in ${goDuration(took)} (${goDuration(took)} including waiting). Image size: ${r.size} bytes.`,
            c.name,
          );
        }
        c.pullBackoffMs = 0;
        this.start(rec, c, shim, handler);
      });
    }, this.o.stepMs);
  }

  private start(rec: PodRec, c: ContainerRec, shim: 'spin' | 'wasi' | 'runc', handler: string): void {
    if (!this.current(rec) || rec.stopping || !c.image) return;
    const img = c.image;
    const mismatch =
      shim === 'spin' && img.kind !== 'spin'
        ? // dojo-simulated text: the Spin shim finds no Spin app (no locked-app layer, no /spin.toml) in a plain module's image.
          `failed to create containerd task: failed to create shim task: Others("failed to load Spin app: no Spin application (spin.toml or application/vnd.fermyon.spin.application.v1+config layer) found in image ${img.ref}"): unknown`
        : shim === 'wasi' && img.kind !== 'wasi'
          ? `failed to create containerd task: failed to create shim task: Others("${img.kind === 'spin' ? 'only a single module is supported when using images with OCI layers' : 'manifest is not in WASM OCI image format'}"): unknown`
          : shim === 'runc' && img.kind !== 'linux'
            ? // runc exec'ing the Wasm image's "/" entrypoint (no Linux root filesystem in a Wasm image).
              'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/": permission denied: unknown'
            : null;
    if (mismatch) {
      this.event(rec, 'Normal', 'Created', `Created container ${c.name}`, c.name);
      this.event(rec, 'Warning', 'Failed', `Error: ${mismatch}`, c.name);
      const at = this.o.api.now();
      c.waiting = undefined;
      c.terminated = {
        exitCode: 128,
        reason: 'StartError',
        message: mismatch,
        startedAt: rfc3339(0),
        finishedAt: rfc3339(at),
        containerID: `containerd://${containerId(rec, c)}`,
      };
      c.logs.push(...dojoShimHint(shim, handler, img.kind).map((l) => `${l}\n`));
      this.exited(rec, c, 128, shim, handler);
      return;
    }
    const id = containerId(rec, c);
    if (c.restarts === 0 && !c.lastTerminated) this.event(rec, 'Normal', 'Created', `Created container ${c.name}`, c.name);
    else this.event(rec, 'Normal', 'Created', `Created container ${c.name}`, c.name);
    this.event(rec, 'Normal', 'Started', `Started container ${c.name}`, c.name);
    const abort = new AbortController();
    c.running = { abort, startedAt: this.o.api.now(), id };
    c.waiting = undefined;
    c.terminated = undefined;
    c.ready = true;
    this.writeStatus(rec);
    if (img.kind === 'linux') {
      c.logs.push(
        `dojo: simulated container: the Dojo runs no Linux processes, so ${img.description} (${img.ref}) shows as running with no output of its own\n`,
      );
      return;
    }
    if (img.kind === 'spin') {
      this.serveSpin(rec, c, img, abort.signal);
      return;
    }
    void this.runWasi(rec, c, img, abort.signal, shim, handler);
  }

  private serveSpin(rec: PodRec, c: ContainerRec, img: Extract<ResolvedImage, { kind: 'spin' }>, signal: AbortSignal): void {
    const engine = this.o.engine();
    const app = loadSpinAppFromArtifact(img.manifestText, img.modules, img.ref);
    const log = (text: string) => this.append(c, text);
    if (!app.ok || !engine) {
      log(`Error: ${app.ok ? 'no Wasm engine is available in this session' : app.top}\n`);
      return;
    }
    const handler = createSpinAppHandler({
      manifest: app.manifest,
      modules: app.modules,
      engine,
      signal,
      stderrIsTerminal: false,
      log: {
        componentOutput: (_id, _stream, text) => log(text),
        logLine: (line) => log(`${line}\n`),
        warning: (lines) => log(`Warning: ${lines.join('\n')}\n`),
      },
      onRun: (label, result) => this.o.onRun?.(`${rec.ns}/${rec.name}: ${label}`, result),
    });
    rec.servers.set(80, handler);
    // The HTTP trigger's start-up lines (Spin crates/trigger-http); whether the shim's log shows them is unverified.
    log('Serving http://0.0.0.0:80\nAvailable Routes:\n');
    for (const t of app.manifest.httpTriggers)
      log(`  ${t.component}: http://0.0.0.0:80${t.route.replace(/\/\.\.\.$/, '')}${t.route.endsWith('/...') ? ' (wildcard)' : ''}\n`);
  }

  private async runWasi(
    rec: PodRec,
    c: ContainerRec,
    img: Extract<ResolvedImage, { kind: 'wasi' }>,
    signal: AbortSignal,
    shim: 'spin' | 'wasi' | 'runc',
    handler: string,
  ): Promise<void> {
    const engine = this.o.engine();
    if (!engine) {
      this.append(c, 'dojo: no Wasm engine is available yet; the kubelet retries\n');
      this.o.timers.setTimeout(() => void this.runWasi(rec, c, img, signal, shim, handler), 500);
      return;
    }
    const cs = this.containerSpec(rec, c.name);
    const command = listOf(cs.command).map(String);
    const args = [...(command.length ? command : [c.name]), ...listOf(cs.args).map(String)];
    const env: Array<[string, string]> = listOf(cs.env)
      .filter(isDict)
      .filter((e) => typeof e.value === 'string')
      .map((e) => [String(e.name), String(e.value)]);
    const decoder = new TextDecoder();
    let result: RunResult;
    this.inflight++;
    try {
      result = await engine.run(
        { wasm: img.module, args, env, preopens: [], image: { dirs: [], files: [] }, stdin: new Uint8Array() },
        { onStdout: (b) => this.append(c, decoder.decode(b)), onStderr: (b) => this.append(c, decoder.decode(b)) },
        signal,
      );
    } catch (err) {
      this.append(c, `${err instanceof Error ? err.message : String(err)}\n`);
      result = { outcome: { kind: 'error', stage: 'compile', message: String(err) }, trace: [], changes: [], timings: { compileMs: 0, runMs: 0 } };
    } finally {
      this.inflight--;
    }
    if (signal.aborted || !this.current(rec) || rec.stopping) return;
    this.o.onRun?.(`kubelet ${rec.ns}/${rec.name}/${c.name}`, result);
    const o = result.outcome;
    let code: number;
    if (o.kind === 'exit') code = o.code;
    else if (o.kind === 'trap') {
      code = 134;
      this.append(c, `Error: ${o.message}\n`);
    } else if (o.kind === 'error') {
      code = 1;
      this.append(c, `Error: ${o.message}\n`);
    } else code = 137;
    const started = c.running?.startedAt ?? this.o.api.now();
    c.running = undefined;
    c.ready = false;
    c.terminated = {
      exitCode: code,
      reason: code === 0 ? 'Completed' : 'Error',
      startedAt: rfc3339(started),
      finishedAt: rfc3339(this.o.api.now()),
      containerID: `containerd://${containerId(rec, c)}`,
    };
    this.exited(rec, c, code, shim, handler);
  }

  /** restartPolicy and CrashLoopBackOff (pkg/kubelet/kuberuntime doBackOff; MaxContainerBackOff 300 s). */
  private exited(rec: PodRec, c: ContainerRec, code: number, shim: 'spin' | 'wasi' | 'runc', handler: string): void {
    const policy = str(this.spec(rec).restartPolicy) ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    this.writeStatus(rec);
    if (!restart) return;
    const now = this.o.api.now();
    // The back-off entry expires when the container ran for more than 2 × MaxContainerBackOff.
    if (c.lastExitAt && now - c.lastExitAt > 2 * BACKOFF_MAX_MS) c.backoffMs = 0;
    const wait = c.backoffMs;
    c.backoffMs = c.backoffMs ? Math.min(c.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_BASE_MS;
    c.lastExitAt = now;
    const doRestart = () => {
      if (!this.current(rec) || rec.stopping) return;
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.previousLogs = c.logs;
      c.logs = [];
      c.restarts++;
      this.start(rec, c, shim, handler);
    };
    if (wait === 0) {
      c.timer = this.o.timers.setTimeout(doRestart, this.o.stepMs);
      return;
    }
    c.timer = this.o.timers.setTimeout(() => {
      if (!this.current(rec) || rec.stopping) return;
      const p = this.current(rec)!;
      const who = `${rec.name}_${rec.ns}(${p.metadata.uid})`;
      c.lastTerminated = c.terminated;
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goBackoff(wait)} restarting failed container=${c.name} pod=${who}` };
      c.terminated = undefined;
      this.event(rec, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${who}`, c.name);
      this.writeStatus(rec);
      c.timer = this.o.timers.setTimeout(() => {
        c.waiting = undefined;
        c.terminated = c.lastTerminated;
        doRestart();
      }, wait);
    }, this.o.stepMs);
  }

  private append(c: ContainerRec, text: string): void {
    if (!text) return;
    const parts = text.split(/(?<=\n)/);
    const last = c.logs[c.logs.length - 1];
    if (last !== undefined && !last.endsWith('\n')) c.logs[c.logs.length - 1] = last + parts.shift()!;
    c.logs.push(...parts);
    if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
  }

  private stop(rec: PodRec, p: KObject): void {
    rec.stopping = true;
    for (const c of rec.containers.values()) {
      if (c.running)
        this.o.events.record(
          p,
          this.podType,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          { component: 'kubelet', host: this.o.nodeName },
          `spec.containers{${c.name}}`,
        );
    }
    this.clearTimers(rec);
    this.o.timers.setTimeout(() => {
      const cur = this.current(rec);
      this.teardown(rec);
      if (cur) this.o.api.remove(this.podType, cur);
      this.o.changed();
    }, this.o.stepMs);
  }

  private clearTimers(rec: PodRec): void {
    if (rec.timer !== undefined) this.o.timers.clearTimeout(rec.timer);
    for (const c of rec.containers.values()) {
      if (c.timer !== undefined) this.o.timers.clearTimeout(c.timer);
      c.running?.abort.abort();
    }
  }

  private teardown(rec: PodRec): void {
    this.clearTimers(rec);
    rec.servers.clear();
    this.pods.delete(rec.uid);
  }

  /** The node's runtimes changed: pods waiting for a sandbox try again at the next sync. */
  retrySandboxes(): void {
    for (const rec of this.pods.values()) {
      if (rec.sandboxOk || !rec.started || rec.stopping) continue;
      if (rec.timer !== undefined) this.o.timers.clearTimeout(rec.timer);
      rec.timer = this.o.timers.setTimeout(() => this.sandbox(rec), this.o.stepMs);
    }
  }

  /** Stops everything (reset, reload). */
  stopAll(): void {
    for (const rec of [...this.pods.values()]) this.teardown(rec);
    this.pulled.clear();
  }

  // ---- what kubectl reads --------------------------------------------------------------------

  logs(uid: string, container: string, previous: boolean): string[] | undefined {
    const c = this.pods.get(uid)?.containers.get(container);
    if (!c) return undefined;
    return previous ? c.previousLogs : c.logs;
  }

  /** Streams a container's new log lines (`kubectl logs -f`); returns the unsubscribe. */
  follow(uid: string, container: string, onText: (text: string) => void, every = 100): () => void {
    let seen = this.logs(uid, container, false)?.join('').length ?? 0;
    let id: unknown;
    const tick = () => {
      const c = this.pods.get(uid)?.containers.get(container);
      const text = c?.logs.join('') ?? '';
      if (text.length < seen) seen = 0;
      if (text.length > seen) onText(text.slice(seen));
      seen = text.length;
      id = this.o.timers.setTimeout(tick, every);
    };
    id = this.o.timers.setTimeout(tick, every);
    return () => this.o.timers.clearTimeout(id);
  }

  /** The HTTP handler a pod serves on `port` (port-forward), if any. */
  server(uid: string, port: number): RequestHandler | undefined {
    return this.pods.get(uid)?.servers.get(port);
  }

  hasPod(uid: string): boolean {
    return this.pods.has(uid);
  }
}

function containerId(rec: PodRec, c: ContainerRec): string {
  let h = '';
  const seed = `${rec.uid}/${c.name}/${c.restarts}`;
  for (let i = 0; h.length < 64; i++) h += ((seed.charCodeAt(i % seed.length) * 31 + i * 17) % 256).toString(16).padStart(2, '0');
  return h.slice(0, 64);
}

/** Go's Duration text for the back-off in the waiting message: `10s`, `1m20s`, `5m0s`. */
function goBackoff(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}

/** The dojo: line a shim/image mismatch leaves in the container log (shown by kubectl logs and describe). */
export function dojoShimHint(shim: 'spin' | 'wasi' | 'runc', handler: string, kind: string): string[] {
  if (shim === 'spin')
    return [
      `dojo: the "${handler}" handler is containerd-shim-spin, which runs Spin apps; this image is a plain WASI module: use a RuntimeClass whose handler is wasmtime (or wasmedge)`,
    ];
  if (shim === 'wasi')
    return [
      `dojo: the "${handler}" handler is a runwasi shim, which runs one plain WASI module; this image is a ${kind === 'spin' ? 'Spin app: use the spin handler (RuntimeClass wasmtime-spin-v2)' : 'Linux image: leave runtimeClassName out'}`,
    ];
  return ['dojo: this is a Wasm image but the pod names no RuntimeClass, so runc tried to run it: set spec.runtimeClassName to a Wasm RuntimeClass'];
}

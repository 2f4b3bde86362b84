// The node agents of the sandbox cluster: once a pod is bound to a node, this runs it the way the
// kubelet and containerd would — sandbox, image pull (or ErrImagePull/ImagePullBackOff), create,
// start, readiness probe, the app's own log lines, exits, CrashLoopBackOff with exponential
// back-off, OOM kills, graceful termination — writing pod status, Events and container logs.
import { behaviourFor, memoryLimitOf, type ContainerBehaviour, type ContainerFacts, type EmittedLine, type LineContext, type RunEnding } from './app-profiles';
import type { Clock, ClockTimer } from './clock';
import { referenceTo, type EventRecorder } from './events';
import { formatTime, type Condition, type Container, type ContainerStatus, type Pod } from './kube-types';
import type { LogStore, LogStream } from './log-store';
import { LABEL_COMPONENT, LABEL_INSTANCE } from './manifests';
import type { Random } from './random';
import type { ClusterStore } from './store';

export interface NodeInfo {
  name: string;
  internalIP: string;
  /** Index of the node's /24 in the cluster's pod range (10.64.<index>.0/24). */
  podRangeIndex: number;
  images: Set<string>;
  nextHost: number;
  pods: number;
}

export interface KubeletOptions {
  cluster: string;
  store: ClusterStore;
  logs: LogStore;
  events: EventRecorder;
  clock: Clock;
  random: Random;
  timeScale: number;
}

const MAX_CRASH_BACKOFF_MS = 300_000;
const INITIAL_CRASH_BACKOFF_MS = 10_000;
/** A container that ran this long without crashing starts over with no back-off. */
const BACKOFF_RESET_AFTER_MS = 2 * MAX_CRASH_BACKOFF_MS;
/** Real milliseconds between two log activity units of one container, at least (keeps fast tests light). */
const MIN_ACTIVITY_REAL_MS = 40;

interface ContainerRun {
  spec: Container;
  behaviour: ContainerBehaviour;
  restartCount: number;
  containerId?: string;
  startedAt?: number;
  running: boolean;
  readyByProbe: boolean;
  unreadyUntil: number;
  crashBackoffMs: number;
  pullBackoffMs: number;
  timers: Set<ClockTimer>;
  lastLineMs: number;
  lastLineNanos: number;
}

interface PodRun {
  namespace: string;
  name: string;
  uid: string;
  node: NodeInfo;
  ip?: string;
  labels: Record<string, string>;
  containers: ContainerRun[];
  timers: Set<ClockTimer>;
  stopping: boolean;
  gone: boolean;
}

export type CrashOptions = { exitCode?: number; reason?: 'Error' | 'OOMKilled' | 'Completed'; lines?: string[] };

function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${seconds % 60}s`;
}

export class Kubelet {
  private readonly cluster: string;
  private readonly store: ClusterStore;
  private readonly logs: LogStore;
  private readonly events: EventRecorder;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly timeScale: number;
  private readonly runs = new Map<string, PodRun>();
  private readonly imageDigests = new Map<string, string>();

  constructor(options: KubeletOptions) {
    this.cluster = options.cluster;
    this.store = options.store;
    this.logs = options.logs;
    this.events = options.events;
    this.clock = options.clock;
    this.random = options.random;
    this.timeScale = options.timeScale;
  }

  /** The scheduler bound `pod` to `node`: the node's kubelet takes it from here. */
  admit(pod: Pod, node: NodeInfo): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.runs.has(key)) return;
    const labels = pod.metadata.labels ?? {};
    const run: PodRun = {
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name,
      uid: pod.metadata.uid!,
      node,
      labels,
      containers: pod.spec.containers.map((spec) => ({
        spec,
        behaviour: behaviourFor(this.factsOf(labels, spec)),
        restartCount: 0,
        running: false,
        readyByProbe: false,
        unreadyUntil: 0,
        crashBackoffMs: 0,
        pullBackoffMs: INITIAL_CRASH_BACKOFF_MS,
        timers: new Set(),
        lastLineMs: 0,
        lastLineNanos: 0,
      })),
      timers: new Set(),
      stopping: false,
      gone: false,
    };
    node.pods++;
    this.runs.set(key, run);

    this.after(run, undefined, this.random.int(200, 800), () => {
      const now = formatTime(this.clock.now());
      this.updatePod(run, (p) => {
        p.status.hostIP = node.internalIP;
        p.status.hostIPs = [{ ip: node.internalIP }];
        p.status.startTime = now;
        p.status.containerStatuses = p.spec.containers.map((c) => ({
          name: c.name,
          image: c.image,
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
        }));
      });
      this.after(run, undefined, this.random.int(600, 2000), () => {
        run.ip = `10.64.${node.podRangeIndex}.${node.nextHost}`;
        node.nextHost = node.nextHost >= 254 ? 2 : node.nextHost + 1;
        this.updatePod(run, (p) => {
          p.status.podIP = run.ip;
          p.status.podIPs = [{ ip: run.ip! }];
        });
        for (const c of run.containers) this.startContainer(run, c);
      });
    });
  }

  /** Graceful deletion: Killing, SIGTERM, containers exit, then the pod object is removed. */
  terminate(namespace: string, name: string, gracePeriodSeconds: number): boolean {
    const run = this.runs.get(`${namespace}/${name}`);
    if (!run) return false;
    if (run.stopping) {
      if (gracePeriodSeconds === 0) this.finalize(run);
      return true;
    }
    run.stopping = true;
    this.clearTimers(run.timers);
    for (const c of run.containers) this.clearTimers(c.timers);
    if (gracePeriodSeconds === 0) {
      for (const c of run.containers) if (c.containerId) this.logs.end(c.containerId);
      this.finalize(run);
      return true;
    }
    const running = run.containers.filter((c) => c.running);
    for (const c of running) {
      this.containerEvent(run, c, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
      this.write(run, c, c.behaviour.shutdown(this.lineContext(run, c)));
    }
    const stopAfter = Math.min(gracePeriodSeconds * 1000, this.random.int(300, 2500));
    this.after(run, undefined, stopAfter, () => {
      for (const c of running) this.exit(run, c, { afterMs: 0, exitCode: 0, reason: 'Completed', lines: [] });
      this.after(run, undefined, this.random.int(100, 400), () => this.finalize(run), true);
    }, true);
    return true;
  }

  /** The container's process dies now (a crash, an OOM kill); the kubelet restarts it per policy. */
  crash(namespace: string, name: string, container: string | undefined, options: CrashOptions = {}): boolean {
    const run = this.runs.get(`${namespace}/${name}`);
    const c = run && this.pickContainer(run, container, true);
    if (!run || !c || run.stopping) return false;
    const reason = options.reason ?? (options.exitCode === 137 ? 'OOMKilled' : 'Error');
    const exitCode = options.exitCode ?? (reason === 'OOMKilled' ? 137 : reason === 'Completed' ? 0 : 1);
    const stream: LogStream = 'stderr';
    this.exit(run, c, { afterMs: 0, exitCode, reason, lines: (options.lines ?? []).map((text) => ({ stream, text })) });
    return true;
  }

  /** The readiness probe fails for `durationMs` (cluster time), then passes again. */
  makeUnready(namespace: string, name: string, container: string | undefined, durationMs: number): boolean {
    const run = this.runs.get(`${namespace}/${name}`);
    const c = run && this.pickContainer(run, container, true);
    if (!run || !c || run.stopping) return false;
    c.unreadyUntil = this.clock.now() + durationMs / this.timeScale;
    if (c.spec.readinessProbe?.httpGet) {
      this.containerEvent(run, c, 'Warning', 'Unhealthy', `Readiness probe failed: HTTP probe failed with statuscode: 503`);
    }
    this.refreshReady(run, c);
    this.after(run, c, durationMs, () => this.refreshReady(run, c));
    return true;
  }

  /** Writes lines into a container's current log. */
  writeLog(namespace: string, name: string, container: string | undefined, lines: string[], stream: LogStream = 'stdout'): boolean {
    const run = this.runs.get(`${namespace}/${name}`);
    const c = run && this.pickContainer(run, container, true);
    if (!run || !c) return false;
    this.write(run, c, lines.map((text) => ({ stream, text })));
    return true;
  }

  /** Pods with at least one running container, for churn. */
  runningPods(): { namespace: string; name: string; containers: string[] }[] {
    const out: { namespace: string; name: string; containers: string[] }[] = [];
    for (const run of this.runs.values()) {
      if (run.stopping) continue;
      const containers = run.containers.filter((c) => c.running).map((c) => c.spec.name);
      if (containers.length) out.push({ namespace: run.namespace, name: run.name, containers });
    }
    return out;
  }

  has(namespace: string, name: string): boolean {
    return this.runs.has(`${namespace}/${name}`);
  }

  stopAll(): void {
    for (const run of this.runs.values()) {
      run.gone = true;
      this.clearTimers(run.timers);
      for (const c of run.containers) this.clearTimers(c.timers);
    }
    this.runs.clear();
  }

  // ---- container lifecycle --------------------------------------------------------------------

  private startContainer(run: PodRun, c: ContainerRun): void {
    const image = c.spec.image;
    if (image.includes('does-not-exist')) {
      this.failPull(run, c);
      return;
    }
    if (run.node.images.has(image)) {
      this.containerEvent(run, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      this.after(run, undefined, this.random.int(50, 250), () => this.createContainer(run, c));
      return;
    }
    this.containerEvent(run, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const pullMs = this.random.int(1500, 9000);
    this.after(run, undefined, pullMs, () => {
      run.node.images.add(image);
      const seconds = (pullMs / 1000).toFixed(3);
      const size = this.random.int(40_000_000, 420_000_000);
      this.containerEvent(run, c, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${seconds}s (${seconds}s including waiting). Image size: ${size} bytes.`);
      this.after(run, undefined, this.random.int(50, 250), () => this.createContainer(run, c));
    });
  }

  private failPull(run: PodRun, c: ContainerRun): void {
    const image = c.spec.image;
    this.containerEvent(run, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
    this.after(run, undefined, this.random.int(500, 2000), () => {
      const reference = image;
      const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
      this.containerEvent(run, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`);
      this.containerEvent(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
      this.updateContainer(run, c, (cs) => {
        cs.state = { waiting: { reason: 'ErrImagePull', message: error } };
      });
      this.after(run, undefined, this.random.int(300, 1200), () => {
        this.containerEvent(run, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
        this.containerEvent(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        this.updateContainer(run, c, (cs) => {
          cs.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
        });
        const wait = c.pullBackoffMs;
        c.pullBackoffMs = Math.min(c.pullBackoffMs * 2, MAX_CRASH_BACKOFF_MS);
        this.after(run, undefined, wait, () => this.failPull(run, c));
      });
    });
  }

  private createContainer(run: PodRun, c: ContainerRun): void {
    const containerId = `containerd://${this.random.hex(64)}`;
    this.containerEvent(run, c, 'Normal', 'Created', `Created container ${c.spec.name}`);
    this.after(run, undefined, this.random.int(30, 150), () => {
      this.containerEvent(run, c, 'Normal', 'Started', `Started container ${c.spec.name}`);
      const now = this.clock.now();
      c.containerId = containerId;
      c.startedAt = now;
      c.running = true;
      c.readyByProbe = !c.spec.readinessProbe;
      this.logs.start({
        cluster: this.cluster,
        namespace: run.namespace,
        pod: run.name,
        podUid: run.uid,
        container: c.spec.name,
        containerId,
        labels: run.labels,
        nodeName: run.node.name,
      });
      this.updateContainer(run, c, (cs) => {
        if (cs.state.terminated) cs.lastState = { terminated: cs.state.terminated };
        cs.state = { running: { startedAt: formatTime(now) } };
        cs.containerID = containerId;
        cs.imageID = this.imageId(c.spec.image);
        cs.started = true;
        cs.restartCount = c.restartCount;
        cs.ready = this.isReady(c);
      });
      const ctx = this.lineContext(run, c);
      this.write(run, c, c.behaviour.startup(ctx));
      const ending = c.behaviour.ending(ctx);
      if (ending) this.after(run, c, ending.afterMs, () => this.exit(run, c, ending));
      this.scheduleReadiness(run, c);
      const activityStart = c.spec.readinessProbe ? c.behaviour.warmupMs : Math.min(c.behaviour.warmupMs, 1000);
      this.after(run, c, activityStart, () => this.activity(run, c));
    });
  }

  private scheduleReadiness(run: PodRun, c: ContainerRun): void {
    const probe = c.spec.readinessProbe;
    if (!probe) return;
    const initial = (probe.initialDelaySeconds ?? 0) * 1000;
    const period = probe.periodSeconds * 1000;
    const offset = this.random.int(0, 900);
    let at = initial + offset;
    while (at < c.behaviour.warmupMs) {
      const probeAt = at;
      this.after(run, c, probeAt, () => {
        const port = c.spec.ports?.[0]?.containerPort ?? 8080;
        const path = probe.httpGet?.path ?? '/';
        this.containerEvent(run, c, 'Warning', 'Unhealthy', `Readiness probe failed: Get "http://${run.ip}:${port}${path}": dial tcp ${run.ip}:${port}: connect: connection refused`);
      });
      at += period;
    }
    this.after(run, c, at, () => {
      c.readyByProbe = true;
      this.refreshReady(run, c);
      this.probeLines(run, c, period);
    });
  }

  private probeLines(run: PodRun, c: ContainerRun, periodMs: number): void {
    const line = c.behaviour.probeLine;
    if (!line) return;
    const tick = () => {
      if (this.isReady(c)) this.write(run, c, [line(this.lineContext(run, c))]);
      this.after(run, c, Math.max(periodMs, MIN_ACTIVITY_REAL_MS * this.timeScale), tick);
    };
    tick();
  }

  private activity(run: PodRun, c: ContainerRun): void {
    this.write(run, c, c.behaviour.activity(this.lineContext(run, c)));
    const [min, max] = c.behaviour.activityIntervalMs;
    const next = Math.max(this.random.int(min, max), MIN_ACTIVITY_REAL_MS * this.timeScale);
    this.after(run, c, next, () => this.activity(run, c));
  }

  private exit(run: PodRun, c: ContainerRun, ending: RunEnding): void {
    if (!c.running || !c.containerId) return;
    this.write(run, c, ending.lines);
    this.logs.end(c.containerId);
    this.clearTimers(c.timers);
    c.running = false;
    c.readyByProbe = false;
    const now = this.clock.now();
    const startedAt = c.startedAt ?? now;
    const containerId = c.containerId;
    this.updateContainer(run, c, (cs) => {
      cs.state = {
        terminated: { exitCode: ending.exitCode, reason: ending.reason, startedAt: formatTime(startedAt), finishedAt: formatTime(now), containerID: containerId },
      };
      cs.ready = false;
      cs.started = false;
    });
    if (ending.reason === 'OOMKilled') {
      const limit = memoryLimitOf(c.spec.resources.limits) ?? 256 * 2 ** 20;
      const rssKb = Math.floor(limit / 1024) - this.random.int(200, 3000);
      this.events.record(
        { kind: 'Node', name: run.node.name, uid: run.node.name, apiVersion: '' },
        'Warning',
        'OOMKilling',
        `Memory cgroup out of memory: Killed process ${this.random.int(2000, 9000)} (${c.behaviour.processName}) total-vm:${rssKb * 4 + this.random.int(1000, 90000)}kB, anon-rss:${rssKb}kB, file-rss:${this.random.int(20000, 40000)}kB, shmem-rss:0kB, UID:1000 pgtables:${this.random.int(700, 1400)}kB oom_score_adj:999`,
        { component: 'kernel-monitor', host: run.node.name },
      );
    }
    if (run.stopping) return;

    const ranMs = (now - startedAt) * this.timeScale;
    if (ranMs >= BACKOFF_RESET_AFTER_MS) c.crashBackoffMs = 0;
    const delay = c.crashBackoffMs;
    c.crashBackoffMs = delay === 0 ? INITIAL_CRASH_BACKOFF_MS : Math.min(delay * 2, MAX_CRASH_BACKOFF_MS);
    if (delay === 0) {
      this.after(run, undefined, this.random.int(800, 1500), () => this.restart(run, c));
      return;
    }
    this.after(run, undefined, this.random.int(300, 900), () => {
      const message = `back-off ${goDuration(delay)} restarting failed container=${c.spec.name} pod=${run.name}_${run.namespace}(${run.uid})`;
      this.containerEvent(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${run.name}_${run.namespace}(${run.uid})`);
      this.updateContainer(run, c, (cs) => {
        if (cs.state.terminated) cs.lastState = { terminated: cs.state.terminated };
        cs.state = { waiting: { reason: 'CrashLoopBackOff', message } };
      });
      this.after(run, undefined, delay, () => this.restart(run, c));
    });
  }

  private restart(run: PodRun, c: ContainerRun): void {
    c.restartCount++;
    this.startContainer(run, c);
  }

  private finalize(run: PodRun): void {
    if (run.gone) return;
    run.gone = true;
    this.clearTimers(run.timers);
    for (const c of run.containers) this.clearTimers(c.timers);
    this.runs.delete(`${run.namespace}/${run.name}`);
    run.node.pods--;
    this.store.delete('pods', run.namespace, run.name);
    this.logs.deletePod(run.namespace, run.name);
  }

  // ---- status ---------------------------------------------------------------------------------

  private isReady(c: ContainerRun): boolean {
    return c.running && c.readyByProbe && this.clock.now() >= c.unreadyUntil;
  }

  private refreshReady(run: PodRun, c: ContainerRun): void {
    this.updateContainer(run, c, (cs) => {
      cs.ready = this.isReady(c);
    });
  }

  private updateContainer(run: PodRun, c: ContainerRun, change: (status: ContainerStatus) => void): void {
    this.updatePod(run, (pod) => {
      const status = pod.status.containerStatuses?.find((s) => s.name === c.spec.name);
      if (status) change(status);
    });
  }

  private updatePod(run: PodRun, change: (pod: Pod) => void): void {
    if (run.gone) return;
    this.store.mutate<Pod>('pods', run.namespace, run.name, (pod) => {
      change(pod);
      recomputePodStatus(pod, formatTime(this.clock.now()), run.ip !== undefined);
    });
  }

  // ---- helpers --------------------------------------------------------------------------------

  private factsOf(labels: Record<string, string>, spec: Container): ContainerFacts {
    const env: Record<string, string> = {};
    const secretEnvNames: string[] = [];
    for (const e of spec.env ?? []) {
      if (e.valueFrom) secretEnvNames.push(e.name);
      else env[e.name] = e.value ?? '';
    }
    return {
      app: labels[LABEL_INSTANCE] ?? spec.name,
      component: labels[LABEL_COMPONENT] ?? spec.name,
      container: spec.name,
      image: spec.image,
      env,
      secretEnvNames,
      memoryLimitBytes: memoryLimitOf(spec.resources.limits),
      port: spec.ports?.[0]?.containerPort,
      readinessPath: spec.readinessProbe?.httpGet?.path,
    };
  }

  private lineContext(run: PodRun, c: ContainerRun): LineContext {
    return {
      random: this.random,
      now: this.clock.now(),
      cluster: this.cluster,
      namespace: run.namespace,
      pod: run.name,
      podIP: run.ip ?? '10.64.0.2',
      restartCount: c.restartCount,
    };
  }

  private write(run: PodRun, c: ContainerRun, lines: EmittedLine[]): void {
    if (!c.containerId || lines.length === 0) return;
    const now = this.clock.now();
    for (const line of lines) {
      let ms = Math.max(now, c.lastLineMs);
      let nanos = ms === c.lastLineMs ? c.lastLineNanos + this.random.int(1_000, 90_000) : this.random.int(0, 899_999);
      if (nanos > 999_999) {
        ms += 1;
        nanos -= 1_000_000;
      }
      c.lastLineMs = ms;
      c.lastLineNanos = nanos;
      this.logs.append(c.containerId, { time: ms, nanos, stream: line.stream, text: line.text });
    }
  }

  private containerEvent(run: PodRun, c: ContainerRun, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.store.get('pods', run.namespace, run.name);
    if (!pod) return;
    this.events.record(referenceTo(pod, `spec.containers{${c.spec.name}}`), type, reason, message, { component: 'kubelet', host: run.node.name });
  }

  private imageId(image: string): string {
    let digest = this.imageDigests.get(image);
    if (!digest) {
      digest = this.random.hex(64);
      this.imageDigests.set(image, digest);
    }
    const repository = image.replace(/[:@][^/]*$/, '');
    return `${repository}@sha256:${digest}`;
  }

  private pickContainer(run: PodRun, name: string | undefined, mustRun: boolean): ContainerRun | undefined {
    const candidates = run.containers.filter((c) => (!name || c.spec.name === name) && (!mustRun || c.running));
    return candidates[0];
  }

  /** Schedules `fn` after `clusterMs` of simulated time; owned by the container instance or the pod. */
  private after(run: PodRun, c: ContainerRun | undefined, clusterMs: number, fn: () => void, evenWhenStopping = false): void {
    const owner = c ? c.timers : run.timers;
    const timer = this.clock.setTimeout(() => {
      owner.delete(timer);
      if (run.gone || (run.stopping && !evenWhenStopping)) return;
      fn();
    }, clusterMs / this.timeScale);
    owner.add(timer);
  }

  private clearTimers(timers: Set<ClockTimer>): void {
    for (const t of timers) this.clock.clearTimeout(t);
    timers.clear();
  }
}

function setCondition(conditions: Condition[], type: string, status: 'True' | 'False', now: string, reason?: string, message?: string): void {
  const index = conditions.findIndex((c) => c.type === type);
  const existing = index >= 0 ? conditions[index] : undefined;
  const next: Condition = { type, status, lastProbeTime: null, lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : now };
  if (reason) next.reason = reason;
  if (message) next.message = message;
  if (index >= 0) conditions[index] = next;
  else conditions.push(next);
}

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** The kubelet's view of phase and conditions from the container statuses (restartPolicy Always). */
export function recomputePodStatus(pod: Pod, now: string, sandboxReady: boolean): void {
  const statuses = pod.status.containerStatuses;
  if (!statuses) return;
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  for (const cs of statuses) {
    if (cs.state.running) running++;
    else if (cs.state.terminated) stopped++;
    else if (cs.state.waiting) {
      if (cs.lastState.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) pod.status.phase = 'Pending';
  else if (running > 0) pod.status.phase = 'Running';
  else if (stopped > 0) pod.status.phase = 'Running';

  const conditions = pod.status.conditions ?? [];
  const unready = statuses.filter((cs) => !cs.ready).map((cs) => cs.name);
  setCondition(conditions, 'PodReadyToStartContainers', sandboxReady ? 'True' : 'False', now);
  setCondition(conditions, 'Initialized', 'True', now);
  if (unready.length) {
    const message = `containers with unready status: [${unready.join(' ')}]`;
    setCondition(conditions, 'Ready', 'False', now, 'ContainersNotReady', message);
    setCondition(conditions, 'ContainersReady', 'False', now, 'ContainersNotReady', message);
  } else {
    setCondition(conditions, 'Ready', 'True', now);
    setCondition(conditions, 'ContainersReady', 'True', now);
  }
  conditions.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
  pod.status.conditions = conditions;
}

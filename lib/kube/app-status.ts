// Berth's own picture of an app running in one environment: what the Status section, the SSE
// stream and the apps list read. Isomorphic (types and small pure helpers only): the browser
// imports it; Kubernetes' own shapes never leave lib/kube.
import type { KnownProblem } from '@/lib/guides/guide-for-problem';

export type HealthVerdict = 'healthy' | 'progressing' | 'degraded' | 'down' | 'unknown' | 'not-deployed';

export type ClusterReachability = 'reachable' | 'connecting' | 'unreachable' | 'not-configured';

export interface ClusterState {
  /** The environment's cluster, as environments.yaml names it (gke-stage). */
  name: string;
  /** The kubeconfig context Berth uses for it. */
  context: string;
  reachability: ClusterReachability;
  /** The last moment the caches were known to match the cluster (ISO). */
  lastSyncAt?: string;
  /** Since when the cluster cannot be reached (ISO): the data shown is from then. */
  unreachableSince?: string;
  /** Why it cannot be reached, in the words of the error. */
  error?: string;
  /** A sandbox stand-in, not a real GKE cluster. */
  sandbox: boolean;
}

export interface GuideLink {
  href: string;
  title: string;
}

/** One thing wrong, explained three ways: plain words, the Aptible equivalent, and where to learn more. */
export interface StatusProblem {
  kind: KnownProblem | 'NotReady' | 'Unavailable' | 'Evicted' | 'Restarted';
  /** A short title: "Crash-looping", "Out of memory". */
  title: string;
  /** What happens, in plain words, with the object and numbers concerned. */
  reason: string;
  /** The same situation as it looked on Aptible. */
  aptible: string;
  guide?: GuideLink;
  /** The deployment (values key) concerned, when there is one. */
  component?: string;
  /** Pods concerned (names). */
  pods: string[];
  /** A Kubernetes detail worth quoting (the container's exit message, the event text). */
  detail?: string;
  /** The container that failed in the first pod (its previous instance's lines say why). */
  container?: string;
  /** When that container last stopped. */
  stoppedAt?: string;
}

export interface HealthSummary {
  verdict: HealthVerdict;
  title: string;
  reason: string;
  aptible?: string;
  guide?: GuideLink;
}

export type RolloutState = 'complete' | 'progressing' | 'stuck' | 'scaled-to-zero';

export interface DeploymentStatus {
  /** Kubernetes object name: <app>-<component>. */
  name: string;
  /** The key under `deployments:` in the values (web, worker…): the Aptible service. */
  component: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  rollout: { state: RolloutState; reason: string };
  /** berth.dev/config-revision on the pod template. */
  configRevision?: string;
  /** deployment.kubernetes.io/revision: the rollout number. */
  rolloutNumber?: number;
  images: string[];
  /** The HTTP port of its container: a deployment that serves requests (an Aptible service with an endpoint). */
  port?: number;
  strategy?: { maxSurge: string; maxUnavailable: string };
}

export interface DisruptionBudgetStatus {
  name: string;
  /** "at least 1 pod up" / "at most 1 pod down". */
  rule: string;
  allowedDisruptions: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
}

export type ContainerStateName = 'running' | 'waiting' | 'terminated' | 'unknown';

export interface ContainerTermination {
  reason?: string;
  exitCode?: number;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  state: ContainerStateName;
  reason?: string;
  message?: string;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  lastTermination?: ContainerTermination;
  /** Injected by the mesh (istio-proxy), not the app's own process. */
  sidecar: boolean;
}

export interface StatusEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** "Pod intake-forms-web-7c9f-abcde", "Deployment intake-forms-web". */
  object: { kind: string; name: string };
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /**
   * How to read it: a start-up probe failing while the app starts is expected (the probe allows
   * that many failures); a warning about a pod that no longer exists is history.
   */
  note?: 'expected-while-starting' | 'pod-gone';
}

export interface PodStatus {
  name: string;
  component?: string;
  /** Kubernetes phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** What kubectl's STATUS column would say: Running, CrashLoopBackOff, Terminating… */
  status: string;
  /** The waiting/terminated message behind `status`, when there is one. */
  statusMessage?: string;
  ready: { ready: number; total: number };
  restarts: number;
  lastRestartAt?: string;
  /** Reason the container last stopped (OOMKilled, Error) and its exit code. */
  lastRestartReason?: string;
  node?: string;
  createdAt?: string;
  configRevision?: string;
  /** Belongs to the newest ReplicaSet of its Deployment (false: an old pod of a rollout). */
  current: boolean;
  terminating: boolean;
  containers: ContainerStatus[];
  events: StatusEvent[];
  problem?: StatusProblem['kind'];
}

export type ChangeLiveState = 'live' | 'rolling-out' | 'behind' | 'not-deploying' | 'unknown' | 'not-deployed';

export interface ConfigCommit {
  revision: string;
  subject: string;
  author: string;
  time: string;
}

export interface ChangeLiveness {
  state: ChangeLiveState;
  /** Plain words: "Live: 3f2a1bc runs in every pod". */
  message: string;
  /** The newest commit that changed this app's values for this environment. */
  latest?: ConfigCommit;
  /** Config revisions running now (one per Deployment, usually all the same). */
  running: string[];
  /** Commits changing this app's values since what runs (behind). */
  behindBy?: number;
  /** The newest values fail validation: CI/CD skips them (not-deploying). */
  undeployable?: { problem: string; file?: string; line?: number };
}

export interface AppStatus {
  app: string;
  environment: string;
  namespace: string;
  cluster: ClusterState;
  generatedAt: string;
  health: HealthSummary;
  problems: StatusProblem[];
  change: ChangeLiveness;
  deployments: DeploymentStatus[];
  disruptionBudgets: DisruptionBudgetStatus[];
  pods: PodStatus[];
  /** Recent Warning events of the app's objects, newest first. */
  warnings: StatusEvent[];
}

/** The apps list's dot: one verdict per app and environment. */
export interface StatusSummaryEntry {
  app: string;
  environment: string;
  verdict: HealthVerdict;
  title: string;
}

export interface StatusSummary {
  generatedAt: string;
  entries: StatusSummaryEntry[];
}

/** Same status, ignoring when it was computed: what the stream compares before sending. */
export function statusFingerprint(status: AppStatus): string {
  return JSON.stringify({ ...status, generatedAt: undefined });
}

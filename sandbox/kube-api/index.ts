// Public surface of the sandbox Kubernetes API: what the embedded default, the config-repo
// watcher, benchmarks and tests import.
export { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions, type KubeconfigOptions } from './server';
export { ClusterSimulator, isPodReady, type ClusterSimulatorOptions, type PodMutation, type TickResult } from './simulator';
export { ClusterStore, type StoreChange, type StoreListener } from './store';
export { LogStore, formatLogTimestamp, type LogLine, type LogInstance, type LogInstanceInfo, type LogLineListener } from './log-store';
export { desiredAppSchema, desiredStateSchema, type DesiredApp, type DesiredDeployment } from './desired-state';
export { createSystemClock, ManualClock, type Clock } from './clock';
export { createRandom, type Random } from './random';
export { demoApps } from './demo-apps';
export { APP_PROFILES, behaviourFor } from './app-profiles';

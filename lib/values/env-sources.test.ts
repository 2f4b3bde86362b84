import { describe, expect, it } from 'vitest';
import { compareVariables, defaultCommitMessage, envVarSources } from './env-sources';
import { describeRestart, restartedDeployments } from './restart-scope';
import { mergeLayers, parseLayers } from './parse-layers';
import type { ValuesLayer } from './types';

const layers = (shared: string, env: string): ValuesLayer[] => [
  { file: 'chart/values.yaml', kind: 'chart', text: 'env: {}\ndeployments: {}\nautoscaling:\n  enabled: false\n  minReplicas: 2\n  maxReplicas: 5\n' },
  { file: 'apps/scheduler/values.yaml', kind: 'app', text: shared },
  { file: 'apps/scheduler/values-stage.yaml', kind: 'environment', text: env },
];

describe('where each variable comes from', () => {
  const stage = layers('env:\n  NODE_ENV: production\n  LOG_LEVEL: info\n', 'env:\n  LOG_LEVEL: debug\n  STAGE_ONLY: "1"\n');

  it('marks a variable set only in values.yaml as inherited from that file', () => {
    const sources = envVarSources(stage, 'apps/scheduler/values-stage.yaml');
    expect(sources.get('NODE_ENV')).toEqual({ name: 'NODE_ENV', file: 'apps/scheduler/values.yaml', own: false, inheritedFrom: 'apps/scheduler/values.yaml' });
  });

  it('marks an override, which removing brings the shared value back', () => {
    const sources = envVarSources(stage, 'apps/scheduler/values-stage.yaml');
    expect(sources.get('LOG_LEVEL')).toEqual({ name: 'LOG_LEVEL', file: 'apps/scheduler/values-stage.yaml', own: true, inheritedFrom: 'apps/scheduler/values.yaml' });
    expect(sources.get('STAGE_ONLY')).toMatchObject({ own: true, inheritedFrom: null });
  });

  it('does not count `KEY: null` as a value the file gives', () => {
    const sources = envVarSources(layers('env:\n  A: "1"\n', 'env:\n  A: null\n'), 'apps/scheduler/values-stage.yaml');
    expect(sources.get('A')).toMatchObject({ own: false, file: 'apps/scheduler/values.yaml' });
  });

  it('seen from values.yaml, says which environment file overrides it', () => {
    const sources = envVarSources(stage, 'apps/scheduler/values.yaml');
    expect(sources.get('LOG_LEVEL')).toMatchObject({ own: true, file: 'apps/scheduler/values-stage.yaml', inheritedFrom: null });
  });
});

describe('variables one environment sets and the other does not', () => {
  it('finds the variable production sets and stage does not', () => {
    const stage = mergeLayers(parseLayers(layers('env:\n  NODE_ENV: production\n', 'env:\n  STAGE_ONLY: "1"\n')).parsed);
    const production = layers('env:\n  NODE_ENV: production\n', 'env:\n  FHIR_BASE_URL: https://fhir.example\nsecretEnv:\n  DB_URL:\n    secret: db\n');
    expect(compareVariables(stage, { environment: 'production', layers: production })).toEqual({
      environment: 'production',
      missingHere: ['DB_URL', 'FHIR_BASE_URL'],
      missingThere: ['STAGE_ONLY'],
    });
  });
});

describe('the commit subject when none is written', () => {
  it('is the plain-words effect', () => {
    expect(defaultCommitMessage([{ summary: 'api will run 4 pods instead of 3 in production' }], 'x.yaml')).toBe('api will run 4 pods instead of 3 in production');
    expect(defaultCommitMessage([{ summary: 'a' }, { summary: 'b' }, { summary: 'c' }], 'x.yaml')).toBe('a (and 2 more changes)');
    expect(defaultCommitMessage([], 'apps/x/values-stage.yaml')).toBe('Update apps/x/values-stage.yaml');
  });
});

describe('the pods a values commit restarts', () => {
  it('is every deployment of the app, with its pods after the change', () => {
    const merged = mergeLayers(parseLayers(layers('deployments:\n  reminders: {}\n  api:\n    port: 8080\n    replicas: 4\n  paused:\n    replicas: 0\n', '')).parsed);
    const deployments = restartedDeployments(merged);
    expect(deployments).toEqual([
      { name: 'api', pods: 4 },
      { name: 'reminders', pods: 1 },
    ]);
    expect(describeRestart('scheduler', 'production', deployments)).toBe('All scheduler pods in production restart: api 4, reminders 1.');
  });

  it('gives the autoscaler range for deployments it owns', () => {
    const merged = mergeLayers(parseLayers(layers('autoscaling:\n  enabled: true\n  minReplicas: 3\ndeployments:\n  web:\n    port: 8080\n  worker: {}\n', '')).parsed);
    expect(describeRestart('portal', 'stage', restartedDeployments(merged))).toBe('All portal pods in stage restart: web 3–5 (autoscaled), worker 1.');
  });
});

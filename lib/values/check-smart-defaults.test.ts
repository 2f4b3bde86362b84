import { describe, expect, it } from 'vitest';
import { checkSmartDefaults } from './check-smart-defaults';
import { parseLayers } from './parse-layers';
import { appValues, environments, sampleLayers } from './test-fixtures';

const APP = 'apps/intake/values.yaml';
const STAGE = 'apps/intake/values-stage.yaml';

function warnings(overrides: Parameters<typeof sampleLayers>[0], environment = 'stage') {
  const { parsed, problems } = parseLayers(sampleLayers(overrides));
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return checkSmartDefaults({ layers: parsed, environment, environments });
}

const oneWorker = appValues.replace('sidekiq]\n    replicas: 2', 'sidekiq]\n    replicas: 1');

describe('checkSmartDefaults', () => {
  it('has nothing to say about the sample app', () => {
    expect(warnings({})).toEqual([]);
  });

  it.each([
    [
      'PDB minAvailable ≥ replicas blocks drains',
      { stage: 'podDisruptionBudget:\n  enabled: true\n  minAvailable: 2\ndeployments:\n  web:\n    replicas: 2\n' },
      [{ code: 'pdb-blocks-drains', file: STAGE, line: 3, path: 'podDisruptionBudget.minAvailable', message: expect.stringMatching(/node drains and GKE upgrades/) }],
    ],
    [
      'PDB minAvailable as a percentage that rounds up to every pod',
      { stage: 'podDisruptionBudget:\n  enabled: true\n  minAvailable: "90%"\n' },
      [{ code: 'pdb-blocks-drains', file: STAGE, line: 3, message: expect.stringMatching(/web \(2 pods\), worker \(2 pods\)/) }],
    ],
    [
      'PDB maxUnavailable 0 blocks drains too',
      { stage: 'podDisruptionBudget:\n  enabled: true\n  minAvailable: null\n  maxUnavailable: 0\n' },
      [{ code: 'pdb-blocks-drains', path: 'podDisruptionBudget.maxUnavailable' }],
    ],
    [
      'one replica with a PDB allows no voluntary disruption',
      { app: oneWorker, stage: 'podDisruptionBudget:\n  enabled: true\n' },
      [{ code: 'pdb-single-replica', file: APP, line: 18, path: 'deployments.worker.replicas', message: expect.stringMatching(/no voluntary disruption/) }],
    ],
    [
      'autoscaling with a fixed replicas on a serving deployment',
      { stage: 'autoscaling:\n  enabled: true\ndeployments:\n  web:\n    replicas: 3\n' },
      [{ code: 'replicas-fights-autoscaling', file: STAGE, line: 5, path: 'deployments.web.replicas', message: expect.stringMatching(/autoscal/) }],
    ],
    [
      'rollout.maxUnavailable 1 with a single-pod deployment',
      { app: oneWorker, stage: 'rollout:\n  maxUnavailable: 1\n' },
      [{ code: 'rollout-drops-to-zero', file: STAGE, line: 2, path: 'rollout.maxUnavailable', message: expect.stringMatching(/worker runs 1 pod: during each deploy nothing runs/) }],
    ],
    [
      'rollout.maxUnavailable 100% rounds to one pod',
      { app: oneWorker, stage: 'rollout:\n  maxUnavailable: "100%"\n' },
      [{ code: 'rollout-drops-to-zero', file: STAGE, line: 2 }],
    ],
    [
      'Workload Identity pointing at another environment’s project',
      { stage: 'serviceAccount:\n  gcpServiceAccount: intake@meridian-prod.iam.gserviceaccount.com\n' },
      [{ code: 'workload-identity-other-environment', file: STAGE, line: 2, path: 'serviceAccount.gcpServiceAccount', message: expect.stringMatching(/meridian-prod, the production project/) }],
    ],
  ])('warns: %s', (_name, overrides, expected) => {
    const found = warnings(overrides);
    expect(found).toEqual(expected.map((e) => expect.objectContaining({ severity: 'warning', ...e })));
  });

  it.each([
    ['a PDB that is turned off', { app: oneWorker, stage: 'podDisruptionBudget:\n  enabled: false\n  minAvailable: 5\n' }],
    ['a PDB that leaves room', { stage: 'podDisruptionBudget:\n  enabled: true\n  minAvailable: 1\n' }],
    ['rollout.maxUnavailable 25% of one pod (rounds down to 0)', { app: oneWorker, stage: 'rollout:\n  maxUnavailable: "25%"\n' }],
    ['rollout.maxUnavailable 1 when every deployment runs 2 pods', { stage: 'rollout:\n  maxUnavailable: 1\n' }],
    ['autoscaling with replicas only from the chart', { app: appValues.replace('    replicas: 2\n    port', '    port'), stage: 'autoscaling:\n  enabled: true\n' }],
    ['autoscaling and a fixed replicas on a worker without a port', { stage: 'autoscaling:\n  enabled: true\n' , app: appValues.replace(/    port: 8080\n/, '') }],
    ['a service account of its own project', { stage: 'serviceAccount:\n  gcpServiceAccount: intake@meridian-stage.iam.gserviceaccount.com\n' }],
    ['a service account of an unrelated project', { stage: 'serviceAccount:\n  gcpServiceAccount: intake@shared-tools.iam.gserviceaccount.com\n' }],
  ])('stays quiet about %s', (_name, overrides) => {
    expect(warnings(overrides)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from './api-errors';
import type { KubeObject } from './kube-types';
import { formatLabelSelector, matchesFieldRequirements, matchesLabelRequirements, parseFieldSelector, parseLabelSelector, validateFieldSelector } from './selectors';

const labels = { 'app.kubernetes.io/instance': 'intake-forms', 'app.kubernetes.io/component': 'web', tier: 'frontend' };
const match = (selector: string) => matchesLabelRequirements(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  it('supports =, ==, !=, in, notin, exists and !exists', () => {
    expect(match('app.kubernetes.io/instance=intake-forms')).toBe(true);
    expect(match('app.kubernetes.io/instance==intake-forms,app.kubernetes.io/component=web')).toBe(true);
    expect(match('app.kubernetes.io/component!=worker')).toBe(true);
    expect(match('missing!=x')).toBe(true);
    expect(match('tier in (frontend, backend)')).toBe(true);
    expect(match('tier notin (frontend)')).toBe(false);
    expect(match('missing notin (a)')).toBe(true);
    expect(match('tier')).toBe(true);
    expect(match('!tier')).toBe(false);
    expect(match('!missing')).toBe(true);
    expect(match('')).toBe(true);
  });

  it('rejects malformed selectors with a 400', () => {
    for (const bad of ['a in b', 'a=b,', '=b', 'a in ()']) {
      expect(() => parseLabelSelector(bad), bad).toThrowError(ApiError);
    }
  });

  it('formats a LabelSelector the way kubectl shows it', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' } })).toBe('a=1,b=2');
  });
});

describe('field selectors', () => {
  const pod = { metadata: { name: 'p1', namespace: 'ns' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } } as KubeObject;

  it('matches metadata and pod fields', () => {
    expect(matchesFieldRequirements('pods', parseFieldSelector('metadata.name=p1,status.phase=Running'), pod)).toBe(true);
    expect(matchesFieldRequirements('pods', parseFieldSelector('spec.nodeName!=n1'), pod)).toBe(false);
    expect(matchesFieldRequirements('pods', parseFieldSelector('metadata.namespace==ns'), pod)).toBe(true);
  });

  it('rejects fields the resource does not support', () => {
    expect(() => validateFieldSelector('deployments', parseFieldSelector('status.phase=Running'))).toThrowError(/field label not supported: status.phase/);
  });
});

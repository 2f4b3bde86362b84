import { describe, expect, it } from 'vitest';
import { withoutAddresses } from './without-addresses';

describe('error text without addresses', () => {
  it.each([
    [
      'request to http://127.0.0.1:39831/clusters/stage/apis/apps/v1/deployments?watch=true&resourceVersion=1563 failed, reason: connect ECONNREFUSED 127.0.0.1:39831',
      'request to [address hidden] failed, reason: connect ECONNREFUSED [address hidden]',
    ],
    ['connect ECONNREFUSED ::1:6443', 'connect ECONNREFUSED [address hidden]'],
    ['connect ETIMEDOUT [fe80::1]:443', 'connect ETIMEDOUT [address hidden]'],
    ['getaddrinfo ENOTFOUND gke-prod.internal.meridiancare.example', 'getaddrinfo ENOTFOUND [address hidden]'],
    ['14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 10.3.0.12:8085', '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED [address hidden]'],
    ['dial tcp kubernetes.default.svc:443: i/o timeout', 'dial tcp [address hidden]: i/o timeout'],
    ['Client network socket disconnected before secure TLS connection was established (host 34.118.2.9)', 'Client network socket disconnected before secure TLS connection was established (host [address hidden])'],
    ['connection to localhost:5432 refused', 'connection to [address hidden] refused'],
  ])('%s', (raw, shown) => {
    expect(withoutAddresses(raw)).toBe(shown);
  });

  it.each([
    'no answer from the API server within 6 s',
    'Back-off restarting failed container web in pod patient-portal-web-5d9c7b-x2x9q',
    'unreachable since 2026-12-04T18:00:00.000Z',
    'image patient-portal:1.4.2 not found',
    'The Kubernetes API of cluster gke-prod timed out reading the logs.',
    'pods "x" is forbidden: User "system:serviceaccount:berth:berth" cannot get resource "pods/log"',
  ])('leaves plain words and times alone: %s', (text) => {
    expect(withoutAddresses(text)).toBe(text);
  });
});

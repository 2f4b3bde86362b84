import { describe, expect, it } from 'vitest';
import { classifyValue, findInlineSecrets, textCarriesSecret } from './find-inline-secrets';

describe('inline secrets in env', () => {
  it.each([
    ['DATABASE_URL', 'postgres://app:hunter2@10.0.0.5:5432/app', 'URL with a password'],
    ['REDIS', 'rediss://:hunter2@redis.internal:6380', null],
    ['TLS_KEY', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'private key'],
    ['GITHUB', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'token'],
    ['ANY_NAME', 'AKIAIOSFODNN7EXAMPLE', 'token'],
    ['SESSION_SECRET', 'a9f8e7d6c5b4', 'password or key'],
    ['DB_PASSWORD', 'correct horse battery', 'password or key'],
    ['TOKEN_TTL_SECONDS', '3600', null],
    ['API_KEY_HEADER', 'X-Api-Key', null],
    ['AUTH_MODE', 'iap-and-sso-login', null],
    ['SECRET_NAME', '<set me>', null],
    ['LOG_FORMAT', 'json', null],
    ['SCHEDULER_URL', 'http://scheduler-api.scheduler.svc.cluster.local', null],
  ])('%s=%s → %s', (key, value, kind) => {
    expect(classifyValue(key, value)).toBe(kind);
  });

  it('finds them in the app’s env and each deployment’s, by key and place, without the value', () => {
    const found = findInlineSecrets({ env: { A: 'x', DATABASE_URL: 'mysql://u:p4ss@db/x' }, deployments: { web: { env: { STRIPE_KEY: 'sk_live_abcdefghijkl' } }, worker: null } });
    expect(found).toEqual([
      { key: 'DATABASE_URL', where: 'env', kind: 'URL with a password' },
      { key: 'STRIPE_KEY', where: 'deployments.web.env', kind: 'token' },
    ]);
    expect(JSON.stringify(found)).not.toMatch(/p4ss|sk_live/);
  });

  it('spots a credential in a command line', () => {
    expect(textCarriesSecret('node server.js --token=abcdef0123456789')).toBe(true);
    expect(textCarriesSecret('bundle exec sidekiq -c 5')).toBe(false);
    expect(textCarriesSecret('psql postgres://u:pw@db/x')).toBe(true);
  });
});

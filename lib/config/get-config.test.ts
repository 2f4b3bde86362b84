import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './get-config';

const cwd = '/srv/berth';

describe('parseConfig', () => {
  it('needs nothing for the embedded default', () => {
    const config = parseConfig({}, cwd);
    expect(config.PORT).toBe(3000);
    expect(config.database).toBe('sqlite');
    expect(config.databaseUrl).toBe(`file:${path.join(cwd, '.data', 'berth.db')}`);
    expect(config.configRepoDir).toBe(path.join(cwd, '.data', 'config-repo'));
    expect(config.kubeconfigPath).toBe(path.join(cwd, '.data', 'kubeconfig'));
    expect(config.AUTH_MODE).toBe('dev');
    expect(config.LOG_SOURCE).toBe('kubernetes');
  });

  it('uses PostgreSQL when DATABASE_URL says so', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://berth@127.0.0.1:5432/berth' }, cwd);
    expect(config.database).toBe('postgres');
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ PORT: '', DATABASE_URL: '' }, cwd).PORT).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT must be a number \(got "eighty"\)\.$/],
    [{ PORT: '70000' }, /PORT must be at most 65535/],
    [{ AUTH_MODE: 'oauth' }, /AUTH_MODE must be one of dev, iap \(got "oauth"\)/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/… URL or file:<path> for SQLite/],
    [{ LOG_SOURCE: 'stackdriver' }, /LOG_SOURCE must be one of kubernetes, cloud-logging/],
    [{ AUTH_MODE: 'iap' }, /IAP_AUDIENCE must be set when AUTH_MODE=iap/],
    [{ AUTH_MODE: 'iap', IAP_AUDIENCE: 'berth' }, /IAP_AUDIENCE must be \/projects\/NUMBER/],
    [{ NODE_ENV: 'production' }, /AUTH_MODE=dev is refused when NODE_ENV=production/],
    [{ BERTH_ALLOW_DEV_AUTH: 'yes' }, /BERTH_ALLOW_DEV_AUTH must be one of 0, 1, true, false/],
    [{ CLOUD_LOGGING_ENDPOINT: 'localhost' }, /CLOUD_LOGGING_ENDPOINT must be host:port/],
    [{ ENVOY_ADMIN_ENDPOINT: 'http://127.0.0.1:9901' }, /ENVOY_ADMIN_ENDPOINT must be host:port/],
    [{ BERTH_TIME_SCALE: '20' }, /BERTH_TIME_SCALE is for the sandbox only/],
    [{ BERTH_SANDBOX: '1', BERTH_TIME_SCALE: '0' }, /BERTH_TIME_SCALE must be/],
  ])('rejects %o with one clear line', (env, message) => {
    expect(() => parseConfig(env, cwd)).toThrow(ConfigError);
    expect(() => parseConfig(env, cwd)).toThrow(message);
  });

  it('allows dev sign-in in production only when the sandbox demo asks for it', () => {
    const config = parseConfig({ NODE_ENV: 'production', BERTH_ALLOW_DEV_AUTH: '1' }, cwd);
    expect(config.BERTH_ALLOW_DEV_AUTH).toBe(true);
  });

  it('runs cutover windows faster only in the sandbox', () => {
    expect(parseConfig({ BERTH_SANDBOX: '1', BERTH_TIME_SCALE: '20' }, cwd).BERTH_TIME_SCALE).toBe(20);
    expect(parseConfig({}, cwd).BERTH_TIME_SCALE).toBe(1);
  });

  it('accepts both IAP audience forms', () => {
    for (const aud of ['/projects/123/global/backendServices/456', '/projects/123/apps/meridian-prod']) {
      expect(parseConfig({ AUTH_MODE: 'iap', IAP_AUDIENCE: aud }, cwd).IAP_AUDIENCE).toBe(aud);
    }
  });

  it('reports every bad variable at once, one per line', () => {
    try {
      parseConfig({ PORT: 'x', AUTH_MODE: 'y' }, cwd);
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message).split('\n')).toHaveLength(2);
    }
  });
});

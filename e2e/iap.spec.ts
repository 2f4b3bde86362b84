import { expect, test } from '@playwright/test';
import { startTestIap, type TestIap } from '../lib/testing/iap';
import { iapPort, mainDataDir } from './ports';
import { type BerthProcess, startBerthProcess } from './berth-process';

// A second Berth server, started with AUTH_MODE=iap against a JWKS served on 127.0.0.1, sharing
// the e2e data directory (the same config repository and database) with the main test server.
const port = iapPort;
const base = `http://127.0.0.1:${port}`;
let iap: TestIap;
let server: BerthProcess | undefined;

test.beforeAll(async () => {
  iap = await startTestIap();
  server = await startBerthProcess({
    port,
    iap,
    env: { AUTH_SECRET: 'e2e-iap-secret-0123456789abcdef0123456789', BERTH_DATA_DIR: mainDataDir, BERTH_SANDBOX: '1' },
    timeoutMs: 60_000,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await iap?.close();
});

test.describe('behind Identity-Aware Proxy', () => {
  test('refuses a page and an API without the signed header', async ({ request }) => {
    for (const url of ['/', '/apps', '/api/apps/patient-portal']) {
      const response = await request.get(`${base}${url}`);
      expect(response.status(), url).toBe(401);
      expect(await response.text()).not.toContain('patient-portal</');
    }
  });

  test('refuses the unsigned email header alone, and a middleware-subrequest header changes nothing', async ({ request }) => {
    const forged = await request.get(`${base}/apps`, {
      headers: { 'x-goog-authenticated-user-email': 'accounts.google.com:priya.raman@meridiancare.example' },
    });
    expect(forged.status()).toBe(401);
    const skipped = await request.get(`${base}/api/apps/patient-portal`, {
      headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy', 'x-goog-authenticated-user-email': 'priya.raman@meridiancare.example' },
    });
    expect(skipped.status()).toBe(401);
  });

  test('refuses a token for another backend service', async ({ request }) => {
    const token = await iap.token({ aud: '/projects/123456789012/global/backendServices/1' });
    expect((await request.get(`${base}/apps`, { headers: { 'x-goog-iap-jwt-assertion': token } })).status()).toBe(401);
  });

  test('serves the page to a valid token, as the person it names', async ({ browser }) => {
    const token = await iap.token({ email: 'esther.adeyemi@meridiancare.example' });
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-goog-iap-jwt-assertion': token } });
    const page = await context.newPage();
    const response = await page.goto(`${base}/apps`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('banner').getByText('Esther Adeyemi', { exact: true })).toBeVisible();
    await expect(page.getByRole('banner').getByText('demo sign-in')).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Apps' }).getByRole('listitem').first()).toContainText('your team');
    await context.close();
  });

  test('someone IAP lets through who is not in teams.yaml gets only the page that says how to be added', async ({ browser, request }) => {
    const headers = { 'x-goog-iap-jwt-assertion': await iap.token({ email: 'new.hire@meridiancare.example' }) };
    for (const url of ['/api/apps/patient-portal', '/api/apps/patient-portal/logs?env=stage', '/api/feedback/unread']) {
      const refused = await request.get(`${base}${url}`, { headers });
      expect(refused.status(), url).toBe(403);
      expect((await refused.json()).error.message, url).toBe('new.hire@meridiancare.example is not in teams.yaml: ask the platform team to add you.');
    }
    const context = await browser.newContext({ extraHTTPHeaders: headers });
    const page = await context.newPage();
    for (const url of ['/', '/apps', '/apps/patient-portal/logs?env=stage', '/guides']) {
      const response = await page.goto(`${base}${url}`);
      await expect(page, url).toHaveURL(`${base}/ask-to-be-added`);
      // A refusal answers 403, not 200.
      expect(response?.status(), url).toBe(403);
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Ask to be added' })).toBeVisible();
    await expect(page.getByText('Berth does not know you yet')).toBeVisible();
    await expect(page.getByText('#platform-help')).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('patient-portal');
    await context.close();
  });

  test('a listed email from outside the company’s Workspace (no hd claim) is not let in', async ({ browser }) => {
    // A consumer Google account registered with a work address: IAP signs it, without `hd`.
    const token = await iap.token({ email: 'ana.souza@meridiancare.example', hd: undefined });
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-goog-iap-jwt-assertion': token } });
    const page = await context.newPage();
    await page.goto(`${base}/apps`);
    await expect(page).toHaveURL(`${base}/ask-to-be-added`);
    await expect(page.getByText('This account is not a Meridian Care work account')).toBeVisible();
    expect((await page.request.get(`${base}/api/apps/patient-portal/logs?env=stage`)).status()).toBe(403);
    await context.close();
  });

  test('keeps the health check open for GKE', async ({ request }) => {
    expect((await request.get(`${base}/api/healthz`)).status()).toBe(200);
  });
});

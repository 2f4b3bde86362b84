import { expect, test } from './fixtures';
import { signInAs } from './helpers';

// Refusal pages answer the status they stand for (a crawler, a script or a monitor reading them
// must not see 200), and the small things a browser asks for exist.

test.describe('refusals and small answers', () => {
  test('not-found pages answer 404', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/');
    for (const path of ['/apps/no-such-app', '/changes/999999', '/apps/patient-portal/values/nowhere', '/guides/no-such-guide', '/no-such-page']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
    }
  });

  test('a signed-out API call answers 401 and /favicon.ico is served', async ({ request }) => {
    const refused = await request.get('/api/apps/patient-portal');
    expect(refused.status()).toBe(401);
    const icon = await request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/image\//);
  });

  test('the header names a platform person once: role and team are not repeated', async ({ page }) => {
    await signInAs(page, 'Priya Raman', '/');
    const banner = page.getByRole('banner');
    await expect(banner.getByText('Priya Raman', { exact: true })).toBeVisible();
    await expect(banner).not.toContainText('platform · platform');
    await signInAs(page, 'Ana Souza', '/');
    await expect(page.getByRole('banner')).toContainText('engineer · patient-experience');
  });

  test('a viewer of the owning team is told their role is why they cannot change it', async ({ page }) => {
    await signInAs(page, 'Ivy Martins', '/apps/patient-portal/values/stage');
    await expect(page.getByRole('note')).toContainText('You are a viewer in Berth: you can look at patient-portal but not change patient-portal');
    await expect(page.getByRole('note')).not.toContainText('Only the patient-experience team');
  });

  test('the Revert button’s accessible name starts with its visible words (WCAG 2.5.3)', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}/history`);
    const revert = page.getByRole('button', { name: /^Revert this change: "/ }).first();
    await expect(revert).toBeVisible();
    await expect(revert).toHaveText('Revert this change');
  });

  test('the app page’s glossary shows values keys as code, not raw backticks', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps/patient-portal');
    const glossary = page.getByRole('table', { name: 'Kubernetes terms and Aptible terms' });
    await page.getByText('Kubernetes words and their Aptible equivalents').click();
    await expect(glossary.locator('code').filter({ hasText: 'deployments:' })).toBeVisible();
    await expect(glossary).not.toContainText('`');
  });
});

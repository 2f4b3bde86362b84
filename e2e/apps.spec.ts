import { expect, test } from './fixtures';
import { pageReady, signInAs } from './helpers';

test.describe('apps and identity', () => {
  test('an engineer signs in, sees their team’s apps first, reads an app and signs out', async ({ page }) => {
    await page.goto('/apps');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fapps/);
    await pageReady(page);
    await page.getByRole('button', { name: /Sign in as Dmitri Volkov/ }).click();
    await expect(page).toHaveURL(/\/apps$/);
    await expect(page.getByRole('banner').getByText('Dmitri Volkov', { exact: true })).toBeVisible();
    await pageReady(page);
    await expect(page.getByRole('banner').getByText('demo sign-in')).toBeVisible();

    // Other tests' private app copies (provider-api-x7k2…) may be listed too: check the seeded apps by name.
    const cards = page.getByRole('list', { name: 'Apps' }).getByRole('listitem');
    const card = (name: string) => cards.filter({ has: page.getByRole('link', { name, exact: true }) });
    // Dmitri is on the clinical team: its apps, provider-api and scheduler, come before every other.
    await expect(cards.nth(0)).toContainText('your team');
    await expect(card('provider-api')).toContainText('your team');
    await expect(card('scheduler')).toContainText('your team');
    const teamFirst = (await cards.allInnerTexts()).map((text) => text.includes('your team'));
    expect(teamFirst.indexOf(false)).toBeGreaterThan(teamFirst.lastIndexOf(true));

    await page.getByLabel('Only my team’s apps'.replace('’', "'")).check();
    await expect(cards.filter({ hasNotText: 'your team' })).toHaveCount(0);
    await expect(card('provider-api')).toHaveCount(1);
    await expect(card('scheduler')).toHaveCount(1);
    await page.getByLabel("Only my team's apps").uncheck();
    await page.getByRole('searchbox', { name: 'Search apps' }).fill('intake');
    await expect(cards.filter({ hasNotText: 'intake' })).toHaveCount(0);
    await card('intake-forms').getByRole('link', { name: 'intake-forms', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'intake-forms' })).toBeVisible();
    await expect(page.getByText('read only for you')).toBeVisible();
    await expect(page.getByRole('tab', { name: 'values.yaml (every environment)' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'values-stage.yaml' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('apps/intake-forms/values-stage.yaml');
    await expect(page.getByRole('list', { name: 'Commits' })).toContainText('Initial config repository from the Berth sample');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto('/apps');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('the apps API refuses app names that could leave the repository', async ({ page }) => {
    await signInAs(page, 'Ana Souza');
    // (A bare %2e%2e segment is resolved away by the URL parser before it reaches Berth.)
    for (const name of ['..%2F..%2Fetc', '%2e%2e%2Fetc', '..%2F', 'a%5Cb', 'a%00b', 'A'.repeat(64), 'Upper_Case']) {
      const response = await page.request.get(`/api/apps/${name}`);
      expect(response.status(), name).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^That is not an app name/) });
    }
    expect((await page.request.get('/api/apps/no-such-app')).status()).toBe(404);
    const ok = await page.request.get('/api/apps/patient-portal');
    expect(ok.status()).toBe(200);
    expect((await ok.json()).app.team).toBe('patient-experience');
  });

  test('an anonymous API call is refused with 401', async ({ request }) => {
    const response = await request.get('/api/apps/patient-portal');
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: expect.objectContaining({ code: 'unauthenticated' }) });
  });
});

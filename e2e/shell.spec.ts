import { expect, test } from './fixtures';
import { signInAs } from './helpers';

test.describe('the app shell', () => {
  test('home says what Berth is for and leads to each area', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Your apps on GKE');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Apps', 'Guides', 'Sessions', 'Feedback']) {
      await expect(nav.getByRole('link', { name: label })).toBeVisible();
    }
    await expect(page.getByText('Connected to: sandbox')).toBeVisible();
  });

  test('each navigation link leads to a real page', async ({ page }) => {
    await signInAs(page, 'Ana Souza');
    for (const label of ['Apps', 'Guides', 'Sessions', 'Feedback']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
      await expect(page).toHaveURL(new RegExp(`/${label.toLowerCase()}$`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
    }
  });

  test('an unknown page shows the designed not-found page with a 404', async ({ page }) => {
    const response = await page.goto('/no-such-place');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Apps' }).last()).toBeVisible();
  });

  test('the skip link moves keyboard focus to the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  });
});

test.describe('health endpoints', () => {
  test('/api/healthz answers JSON', async ({ request }) => {
    const response = await request.get('/api/healthz');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/json');
    expect(response.headers()['x-request-id']).toBeTruthy();
    expect(await response.json()).toMatchObject({ status: 'ok', checks: { process: { status: 'ok' } } });
  });

  test('/api/readyz reports each dependency', async ({ request }) => {
    const response = await request.get('/api/readyz');
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    expect(body.checks.database).toEqual({ status: 'ok', detail: 'sqlite' });
    expect(body.checks.configRepository.status).toBe('ok');
  });
});

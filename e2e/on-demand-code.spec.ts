import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { feedbackReady, pageReady, signInAs, visit } from './helpers';

// The feedback form, search, a pod's details, the log list and next-auth's client load on demand
// (README, Performance). These tests take the network away after the page loaded, so that code
// cannot arrive, and check that each part says so in place instead of taking the page down.

async function cutOffCode(page: Page) {
  await page.route('**/_next/static/chunks/**', (route) => route.abort('internetdisconnected'));
}

test.describe('code that loads on demand, when it cannot be fetched', () => {
  test('the feedback form and search say they could not load; the page stays usable', async ({ page }) => {
    await signInAs(page, 'Dmitri Volkov', '/apps');
    await page.goto('/apps');
    await expect(page.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
    // The page's own code has run (the buttons work); only what loads on demand is cut off.
    await pageReady(page);
    await feedbackReady(page);
    await cutOffCode(page);

    await page.getByRole('banner').getByRole('button', { name: 'Feedback' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The feedback form could not be loaded' })).toBeVisible();
    await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Search could not be loaded' })).toBeVisible();

    // The rest of the page is still there and still works.
    await expect(page.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'scheduler', exact: true })).toBeVisible();
  });

  test('signing out falls back to the sign-out page when its script cannot load', async ({ page }) => {
    await signInAs(page, 'Dmitri Volkov', '/apps');
    await visit(page, '/apps');
    await cutOffCode(page);
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/api\/auth\/signout/);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test("a pod's details say they could not load, and the status stays on screen", async ({ page }) => {
    // Only the chunk holding the pod dialog is cut off, picked by a sentence only it contains.
    await page.route('**/_next/static/chunks/**', async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes('This pod no longer exists')) return route.abort('internetdisconnected');
      return route.fulfill({ response, body });
    });
    await signInAs(page, 'Dmitri Volkov', '/apps/scheduler');
    await page.goto('/apps/scheduler');
    // The status is live (its code runs) before the pod button is used.
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    const stage = page.getByRole('region', { name: 'stage', exact: true });
    const podButton = stage.getByRole('table', { name: 'Pods in stage' }).getByRole('rowheader').getByRole('button').first();
    await podButton.click();
    await expect(stage.getByRole('alert').filter({ hasText: "The pod's details could not be loaded" })).toBeVisible();
    await expect(stage.getByRole('table', { name: 'Pods in stage' })).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { feedbackReady, signInAs } from './helpers';

// Every main page through axe-core in Chromium: no WCAG 2.x A/AA violation of serious or critical
// impact. Pages are checked as a signed-in engineer sees them, after their live parts loaded.
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

const PAGES = [
  '/',
  '/apps',
  '/apps/intake-forms',
  '/apps/intake-forms/timeline?env=stage',
  '/apps/intake-forms/history',
  '/apps/intake-forms/logs',
  '/apps/patient-portal/values/stage',
  '/changes',
  '/guides',
  '/guides/debugging-a-broken-deploy',
  '/sessions/2026-11-19-debugging-a-broken-deploy',
  '/concepts',
  '/commands',
  '/sessions',
  '/feedback',
  '/feedback/mine',
  '/teams',
];

test.describe('accessibility', () => {
  test('the sign-in page has no serious or critical WCAG A/AA violations', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('main').getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(await seriousViolations(page, '/signin')).toEqual([]);
  });

  test('the main pages have no serious or critical WCAG A/AA violations', async ({ page }) => {
    // Seventeen pages and two dialogs through axe: ~15 s an app page on a busy 2-core machine.
    test.setTimeout(420_000);
    await signInAs(page, 'Ana Souza', '/');
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('main').getByRole('heading', { level: 1 }).first()).toBeVisible();
      found.push(...(await seriousViolations(page, path)));
    }

    // The dialogs, open.
    await page.goto('/apps/intake-forms');
    await feedbackReady(page);
    await page.getByRole('banner').getByRole('button', { name: 'Feedback' }).click();
    await expect(page.getByRole('dialog', { name: 'Send feedback to the platform team' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'the feedback dialog')));
    await page.keyboard.press('Escape');
    await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    found.push(...(await seriousViolations(page, 'the search dialog')));
    expect(found, found.join('\n')).toEqual([]);
  });
});

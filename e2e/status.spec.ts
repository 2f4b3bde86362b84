import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs } from './helpers';

// The sandbox runs seeded (--seed 42, ×20 time): intake-forms lacks FHIR_BASE_URL in stage and
// crash-loops; patient-portal runs fine.

function environment(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

async function restartsOf(row: Locator): Promise<number> {
  // Cells after the pod's name: status, ready, restarts ("5 (12s ago)"), node, age.
  const text = await row.getByRole('cell').nth(2).innerText();
  return Number.parseInt(text, 10);
}

test.describe('app status', () => {
  test('intake-forms shows CrashLoopBackOff in stage with its explanation, and its restart count rises without a reload', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps/intake-forms');
    await expect(page.getByRole('heading', { level: 1, name: 'intake-forms' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Status' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

    const stage = environment(page, 'stage');
    await expect(stage.getByText('Crash-looping (CrashLoopBackOff)', { exact: true })).toBeVisible();
    await expect(stage.getByText(/starts and exits with exit code 1 again and again/)).toBeVisible();
    await expect(stage.getByText(/On Aptible: a release that keeps failing to start/)).toBeVisible();
    await expect(stage.getByRole('link', { name: /Guide: Debugging a broken deploy: CrashLoopBackOff/ })).toHaveAttribute('href', '/guides/debugging-a-broken-deploy#crashloopbackoff');
    await expect(stage.getByText('sandbox cluster')).toBeVisible();

    const pods = stage.getByRole('table', { name: 'Pods in stage' });
    const firstPod = pods.getByRole('row').nth(1);
    await expect(firstPod.getByRole('cell').first()).toContainText('CrashLoopBackOff');
    await expect.poll(() => restartsOf(firstPod)).toBeGreaterThan(0);

    // A marker in the page survives only if the page is never reloaded.
    await page.evaluate(() => document.body.setAttribute('data-status-test', 'same-page'));
    const before = await restartsOf(firstPod);
    await expect.poll(() => restartsOf(firstPod), { timeout: 45_000, message: 'the restart count rises live' }).toBeGreaterThan(before);
    await expect(page.locator('body')).toHaveAttribute('data-status-test', 'same-page');

    // The pod dialog: containers with their last termination, and the way to the logs around it.
    const podName = (await firstPod.getByRole('rowheader').getByRole('button').innerText()).trim();
    await firstPod.getByRole('rowheader').getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: podName });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(/Last stop: Error, exit code 1/)).toBeVisible();
    const around = dialog.getByRole('link', { name: /Logs around this restart/ });
    await expect(around).toHaveAttribute('href', new RegExp(`^/apps/intake-forms/logs\\?env=stage&pod=${podName}&container=web&since=.+&until=.+&previous=1$`));
    await expect(dialog.getByRole('link', { name: 'Logs of web →' })).toHaveAttribute('href', `/apps/intake-forms/logs?env=stage&pod=${podName}&container=web`);
    await expect(dialog.getByRole('list', { name: `Events of ${podName}` })).toContainText('BackOff');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(firstPod.getByRole('rowheader').getByRole('button')).toBeFocused();

    // Production has FHIR_BASE_URL: it runs.
    await expect(environment(page, 'production').getByText('Healthy', { exact: true })).toBeVisible();
    await expect(stage.getByRole('link', { name: 'Timeline of stage →' })).toHaveAttribute('href', '/apps/intake-forms/timeline?env=stage');
  });

  test('patient-portal is healthy in stage and its committed values are live', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps/patient-portal');
    const stage = environment(page, 'stage');
    await expect(stage.getByText('Healthy', { exact: true })).toBeVisible();
    await expect(stage.getByText(/All 3 pods of patient-portal are running and ready in stage/)).toBeVisible();
    await expect(stage.getByText(/^Live: [0-9a-f]{7} /)).toBeVisible();
    const deployments = stage.getByRole('table', { name: 'Deployments in stage' });
    await expect(deployments.getByRole('row', { name: /^web/ })).toContainText('Complete');
    await expect(deployments.getByText('Aptible: service')).toBeVisible();
    await page.getByRole('button', { name: 'Aptible terms' }).click();
    await expect(deployments.getByText('Aptible: service')).toBeHidden();
    await page.getByRole('button', { name: 'Aptible terms' }).click();
    await expect(stage.getByRole('table', { name: 'Pods in stage' }).getByRole('row')).toHaveCount(4);
  });

  test('the apps list shows a health dot per environment', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps');
    const card = page.getByRole('list', { name: 'Apps' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'intake-forms', exact: true }) });
    await expect(card.getByTitle(/^stage: Down: Crash-looping/)).toBeVisible();
    await expect(card.getByTitle(/^production: Healthy/)).toBeVisible();
    const portal = page.getByRole('list', { name: 'Apps' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'patient-portal', exact: true }) });
    await expect(portal.getByTitle(/^stage: Healthy/)).toBeVisible();
  });

  test("intake-forms' timeline puts its commits, rollouts and restarts in stage together", async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps/intake-forms');
    await page.goto('/apps/intake-forms');
    await page.getByRole('link', { name: /^Timeline: commits, rollouts/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Timeline · intake-forms' })).toBeVisible();
    const environments = page.getByRole('navigation', { name: 'Environment' });
    await expect(environments.getByRole('link', { name: 'stage' })).toHaveAttribute('aria-current', 'page');

    // The crash loop's last restart, with the way to its logs; the page is rendered per request.
    const restart = page.locator('li[data-kind="restart"]').first();
    await expect(async () => {
      await page.reload();
      await expect(restart).toContainText('stopped: Error, exit code 1', { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(restart.getByRole('link', { name: 'Logs around this restart' })).toHaveAttribute('href', /^\/apps\/intake-forms\/logs\?env=stage&pod=.+&previous=1$/);
    await expect(page.locator('li[data-kind="rollout"]').first()).toContainText(/web: rollout #\d+ started/);
    await expect(page.locator('li[data-kind="commit"]').first()).toContainText('by ');

    // Production runs: rollouts, no restarts.
    await environments.getByRole('link', { name: 'production' }).click();
    await expect(page).toHaveURL(/env=production/);
    await expect(environments.getByRole('link', { name: 'production' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('li[data-kind="rollout"]').first()).toBeVisible();
    await expect(page.locator('li[data-kind="restart"]')).toHaveCount(0);
  });
});


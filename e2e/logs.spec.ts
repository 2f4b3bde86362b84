import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pageReady, signInAs } from './helpers';

// The sandbox's intake-forms has no FHIR_BASE_URL in stage, so its pods crash on start, over and
// over (sandbox/kube-api/app-profiles.ts writes this line to stderr before exiting).
const CRASH_LINE = 'Error: FHIR_BASE_URL is not set';

function logLines(page: Page): Locator {
  return page.getByRole('region', { name: 'Log lines' });
}

async function lineCount(page: Page): Promise<number> {
  const label = (await page.getByRole('list', { name: /log lines$/ }).getAttribute('aria-label')) ?? '';
  return Number(label.replace(/\D/g, ''));
}

/** Refresh until the line is there: a fresh sandbox may not have crashed yet when the test starts. */
async function refreshUntilVisible(page: Page, text: string) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(logLines(page).getByText(text).first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 45_000 });
}

test.describe('logs', () => {
  test('from the app page: intake-forms in stage, filtered to errors, shows the crash and says why stderr matters', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps/intake-forms');
    await page.goto('/apps/intake-forms');
    await page.getByRole('link', { name: 'stage logs' }).click();
    await expect(page).toHaveURL(/\/apps\/intake-forms\/logs\?env=stage$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Logs · intake-forms' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'stage' })).toBeChecked();
    await pageReady(page);

    await page.getByLabel('Severity').selectOption('ERROR');
    await expect(page).toHaveURL(/severity=ERROR/);
    await refreshUntilVisible(page, CRASH_LINE);
    // Every line shown is an error, labelled in words (not only by color).
    const rows = logLines(page).getByRole('listitem');
    await expect(rows.first()).toContainText('ERROR');
    expect(await rows.filter({ hasNotText: /ERROR|CRITICAL|ALERT|EMERGENCY/ }).count()).toBe(0);

    // The app writes its crash as plain text on stderr: the viewer explains what Cloud Logging does with that.
    const notice = page.getByRole('region', { name: 'This app writes plain-text errors' });
    await expect(notice).toContainText('everything on stderr becomes ERROR');
    await expect(notice.getByRole('link', { name: 'How to log JSON with a severity' })).toHaveAttribute('href', '/guides/logs');

    // The address is the view: reloading (or sharing it) opens the same filter.
    await page.reload();
    await expect(page.getByLabel('Severity')).toHaveValue('ERROR');
    // The crash is in the lines again (a pod that has just restarted has not crashed yet: refresh).
    await pageReady(page);
    await refreshUntilVisible(page, CRASH_LINE);

    // Logs Explorer gets the same filter, in the environment's project.
    const explorer = await page.getByRole('link', { name: /Open in Logs Explorer/ }).getAttribute('href');
    expect(explorer).toMatch(/^https:\/\/console\.cloud\.google\.com\/logs\/query;query=/);
    const filter = decodeURIComponent(/;query=([^;?]+)/.exec(explorer ?? '')?.[1] ?? '');
    expect(filter).toContain('resource.labels.namespace_name="intake-forms"');
    expect(filter).toContain('labels."k8s-pod/app_kubernetes_io/instance"="intake-forms"');
    expect(filter).toContain('severity>=ERROR');
    expect(explorer).toMatch(/\?project=meridian-stage$/);

    // Download: the same filter as a text file.
    const download = await page.request.get((await page.getByRole('link', { name: 'Download' }).getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="intake-forms-stage-logs-.*\.txt"$/);
    const text = await download.text();
    expect(text).toMatch(/^# intake-forms in stage \(namespace intake-forms, cluster gke-stage\)/);
    expect(text).toContain(CRASH_LINE);
  });

  test('follow shows new lines as they are written, pauses while reading above and jumps back to the latest', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/apps/patient-portal/logs?env=stage&range=15m');
    await page.goto('/apps/patient-portal/logs?env=stage&range=15m');
    await expect(page.getByRole('list', { name: /log lines$/ })).toBeVisible();

    const follow = page.getByRole('button', { name: 'Follow live' });
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/follow=1/);
    await expect(page.getByRole('status').filter({ hasText: 'Following live' })).toBeVisible();
    const before = await lineCount(page);
    await expect.poll(() => lineCount(page), { timeout: 30_000 }).toBeGreaterThan(before);

    // Scrolling up pauses at the place being read; "Jump to latest" goes back to the newest line.
    await expect.poll(() => lineCount(page), { timeout: 30_000 }).toBeGreaterThan(60);
    await logLines(page).hover();
    await page.mouse.wheel(0, -3_000);
    await expect(page.getByRole('status').filter({ hasText: 'paused while you read above' })).toBeVisible();
    const jump = page.getByRole('button', { name: /Jump to latest/ });
    await expect(jump).toBeVisible();
    await jump.click();
    await expect(jump).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: /^Following live$/ })).toBeVisible();
  });

  test('logs around a restart: the previous container of a crash-looping pod shows the crash', async ({ page }) => {
    await signInAs(page, 'Ana Souza');
    // A pod that has crashed: the first error line names it (and its container).
    let pod = '';
    let container = '';
    await expect(async () => {
      const response = await page.request.get('/api/apps/intake-forms/logs?env=stage&severity=ERROR&pageSize=1');
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { entries: { pod: string; container: string }[] };
      expect(body.entries.length).toBe(1);
      ({ pod, container } = body.entries[0]);
    }).toPass({ timeout: 45_000 });

    // The link the status section builds: that container's previous instance, in a window around now.
    const since = new Date(Date.now() - 15 * 60_000).toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    await page.goto(`/apps/intake-forms/logs?env=stage&pod=${pod}&container=${container}&previous=1&since=${since}&until=${until}`);
    await pageReady(page);
    const notice = page.getByRole('region', { name: 'Logs around a restart' });
    await expect(notice).toContainText('The previous container');
    await expect(notice).toContainText(`container ${container}`);
    await expect(notice).toContainText(`pod ${pod}`);
    await expect(page.getByLabel('Previous container')).toBeChecked();
    await expect(page.getByLabel('Time range')).toHaveValue('custom');
    await expect(page.getByRole('button', { name: 'Follow live' })).toBeDisabled();
    await expect(logLines(page).getByText(CRASH_LINE).first()).toBeVisible();
    await expect(logLines(page).getByText('at requireEnv (/app/dist/config.js:27:11)').first()).toBeVisible();

    await notice.getByRole('button', { name: 'Show the running container instead' }).click();
    await expect(page.getByLabel('Previous container')).not.toBeChecked();
    await expect(page).not.toHaveURL(/previous=1/);
  });

  test('bad filters are refused with a plain reason; the API and the stream need a sign-in', async ({ page, request }) => {
    expect((await request.get('/api/apps/intake-forms/logs?env=stage')).status()).toBe(401);
    expect((await request.get('/api/apps/intake-forms/logs/stream?env=stage')).status()).toBe(401);

    await signInAs(page, 'Ben Okafor');
    const bad = await page.request.get('/api/apps/intake-forms/logs?env=stage&severity=loud');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^The severity must be one of/) });
    const elsewhere = await page.request.get('/api/apps/intake-forms/logs?env=qa');
    expect(elsewhere.status()).toBe(404);
    expect((await elsewhere.json()).error.message).toBe('intake-forms does not run in qa; it runs in stage and production.');
    const restartOnly = await page.request.get('/api/apps/intake-forms/logs/stream?env=stage&previous=1');
    expect(restartOnly.status()).toBe(400);

    // A link with a bad param still opens the logs, and says what it left out.
    await page.goto('/apps/intake-forms/logs?env=stage&severity=loud&q=%22quoted%22+%5C+back');
    await expect(page.getByText('Some filters in this link were not valid and were left out:')).toBeVisible();
    await expect(page.getByLabel('Severity')).toHaveValue('DEFAULT');
    await expect(page.getByRole('searchbox', { name: /Search text/ })).toHaveValue('"quoted" \\ back');
    await expect(page.getByText('No log lines match')).toBeVisible();
  });

  test('when the log backend is down the viewer says so, and Retry recovers', async ({ page }) => {
    await signInAs(page, 'Ana Souza');
    // The browser gets the route's 503 answer for a backend that cannot be reached (its exact
    // shape; the route's own mapping is tested in lib/logs against a closed gRPC port).
    let down = true;
    await page.route('**/api/apps/intake-forms/logs?*', async (route) => {
      if (!down) return route.fallback();
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '30' },
        body: JSON.stringify({
          error: {
            code: 'unavailable',
            message: 'Cloud Logging could not be reached at 127.0.0.1:1: No connection established.',
            details: { kind: 'unavailable', hint: 'The log backend is down or unreachable. Retry in a minute; if it keeps failing, tell the platform team.', retryable: true },
          },
        }),
      });
    });
    await page.goto('/apps/intake-forms/logs?env=stage');
    const alert = page.getByRole('alert').filter({ hasText: 'The log backend is not answering' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Cloud Logging could not be reached');
    await expect(alert).toContainText('Retry in a minute');

    down = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(alert).toBeHidden();
    await expect(page.getByRole('list', { name: /log lines$/ }).or(page.getByText('No log lines match'))).toBeVisible();
  });
});

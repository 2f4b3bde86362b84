// The app page around its tasks: the actions in the first screen, the cause of a crash on the
// verdict (with the Logs link deep-linked to the crashed container), and a commit that will not
// deploy said as such on the status, the timeline and the history.
import { commitToConfigRepo } from './fixtures/config-repo';
import { expect, test } from './fixtures';
import { signInAs, visit } from './helpers';

test.describe('the app page', () => {
  test('values and logs of each environment, history and timeline are in the first screen at 1366×768', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInAs(page, 'Ana Souza', '/apps/patient-portal');
    const actions = page.getByRole('navigation', { name: 'patient-portal: what to do' });
    await expect(actions).toBeVisible();
    for (const name of ['Edit stage values', 'Change production values', 'stage logs', 'production logs', 'History', 'Timeline']) {
      const link = actions.getByRole('link', { name, exact: true });
      await expect(link, name).toBeInViewport();
    }
    await expect(actions.getByRole('link', { name: 'Edit stage values', exact: true })).toHaveAttribute('href', '/apps/patient-portal/values/stage');
    await expect(actions.getByRole('link', { name: 'production logs', exact: true })).toHaveAttribute('href', '/apps/patient-portal/logs?env=production');
    // Stage beside production, in a line each, before the details.
    const glance = page.getByRole('region', { name: 'Environments at a glance' });
    await expect(glance.locator('[data-environment="stage"]')).toContainText(/Healthy|Progressing|Degraded/);
    await expect(glance.locator('[data-environment="production"]')).toContainText(/pods ready/);
    await expect(glance).toBeInViewport();
  });

  test('a crash loop shows the crashed container’s last lines on the verdict, and its Logs link opens that container', async ({ page, appCopy }) => {
    const intake = await appCopy('intake-forms');
    await signInAs(page, 'Ana Souza', `/apps/${intake.name}`);
    const stage = page.getByRole('region', { name: 'stage', exact: true });
    await expect(stage.getByText('Crash-looping (CrashLoopBackOff)', { exact: true })).toBeVisible({ timeout: 45_000 });
    const cause = stage.getByTestId('crash-cause');
    // Stage logs hold synthetic data only: read at once, through the logs route (policy, masking, read record).
    await expect(cause.getByTestId('crash-lines')).toContainText('Error: FHIR_BASE_URL is not set', { timeout: 30_000 });
    const link = stage.getByRole('link', { name: 'Logs of the crashed container (stage) →' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/apps/${intake.name}/logs\\?env=stage&pod=${intake.name}-web-[a-z0-9]+-[a-z0-9]+&container=web&since=.+&until=.+&previous=1$`));
    await link.click();
    await expect(page.getByRole('heading', { level: 1, name: `Logs · ${intake.name}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Logs around a restart' })).toBeVisible();
    // The custom range is filled with the minutes around the crash, in UTC.
    await expect(page.getByLabel(/^From/)).not.toHaveValue('');
    await expect(page.getByLabel(/^To/)).not.toHaveValue('');
    await expect(page.getByRole('list', { name: /log lines$/ }).getByText('Error: FHIR_BASE_URL is not set').first()).toBeVisible();

    // Production has FHIR_BASE_URL: healthy, and no crash to explain.
    await visit(page, `/apps/${intake.name}`);
    const production = page.getByRole('region', { name: 'production', exact: true });
    await expect(production.locator('[data-verdict="healthy"]')).toBeVisible({ timeout: 45_000 });
    await expect(production.getByTestId('crash-cause')).toHaveCount(0);
  });

  test('a commit whose values do not validate says it will not deploy: on the status, the timeline and the history', async ({ page, appCopy, uid }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}`);
    const stage = page.getByRole('region', { name: 'stage', exact: true });
    await expect(stage.getByText(/^Live: /)).toBeVisible({ timeout: 45_000 });
    // Pushed straight to the repository (Berth's own editor refuses such a save).
    const subject = `Scale the portal by hand (${uid})`;
    commitToConfigRepo(subject, (repo) => {
      const file = `apps/${portal.name}/values-stage.yaml`;
      return [{ path: file, text: `${repo.read(file) ?? ''}\ndeployments:\n  web:\n    replicas: many\n` }];
    });
    await visit(page, `/apps/${portal.name}`);
    await expect(stage.getByText('Will not deploy', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(stage.getByText(/^Will not deploy: the newest values \([0-9a-f]{7} “Scale the portal by hand/)).toContainText('CI/CD skips them, so stage keeps running');
    await expect(stage).not.toContainText('within minutes');
    await expect(stage.getByRole('link', { name: 'Fix the stage values →' })).toHaveAttribute('href', `/apps/${portal.name}/values/stage`);

    await visit(page, `/apps/${portal.name}/timeline?env=stage`);
    await expect(page.getByRole('listitem').filter({ hasText: subject })).toContainText('Will not deploy to stage');
    await visit(page, `/apps/${portal.name}/history`);
    const entry = page.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: subject });
    await expect(entry).toContainText(`Will not deploy to stage: its values fail validation — apps/${portal.name}/values-stage.yaml:`);
    await expect(entry).not.toContainText('Will not deploy to production');
  });

  test('the app’s logs while a pod is still starting: every answer is the other pods’ lines (never an error), with a note for the starting one', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', '/');
    // From the moment the copy exists until its pods run, every read of its stage logs answers.
    const statuses: number[] = [];
    let sawStarting = false;
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`/api/apps/${portal.name}/logs?env=stage`);
          statuses.push(response.status());
          const body = (await response.json()) as { entries?: unknown[]; unread?: { reason: string }[] };
          if (body.unread?.some((u) => u.reason === 'starting')) sawStarting = true;
          return response.status() === 200 && (body.entries?.length ?? 0) > 0 && (body.unread?.length ?? 0) === 0;
        },
        { timeout: 45_000, intervals: [100] },
      )
      .toBe(true);
    expect(statuses.every((s) => s === 200), `statuses: ${statuses.join(',')}`).toBe(true);
    test.info().annotations.push({ type: 'starting pod seen', description: String(sawStarting) });
  });
});

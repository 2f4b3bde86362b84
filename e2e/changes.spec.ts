import { expect, test } from './fixtures';
import { signInAs, visit } from './helpers';

test.describe('production changes need a second person', () => {
  test('A requests a production replica change, B approves, the commit lands with both names', async ({ page, browser, appCopy, uid }) => {
    const portal = await appCopy('patient-portal');
    const reason = `More workers for the December visit peak (${uid})`;
    await signInAs(page, 'Ana Souza', '/apps/scheduler/values/production');
    // Ana is not on the clinical team: she may explore but not request.
    await expect(page.getByRole('note')).toContainText('Only the clinical team or the platform team can change scheduler');

    await visit(page, `/apps/${portal.name}/values/production`);
    await expect(page.getByRole('heading', { level: 1, name: `Edit ${portal.name} · production` })).toBeVisible();
    await page.getByLabel('Pods of worker').fill('3');
    await page.getByRole('tab', { name: /Changes/ }).click();
    await expect(page.getByRole('list', { name: 'Effects' })).toContainText('worker will run 3 pods instead of 2 in production');
    await page.getByLabel('Why this change (the reviewer reads this)').fill(reason);
    await page.getByRole('button', { name: 'Request approval' }).click();
    const created = page.getByRole('status').filter({ hasText: 'is waiting for a teammate' });
    await expect(created).toBeVisible();
    await created.getByRole('link', { name: 'See it →' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toContainText(reason);
    const changeUrl = page.url();
    const id = Number(changeUrl.split('/').pop());
    // The author sees no approve button, and a forged approval is refused.
    await expect(page.getByRole('button', { name: 'Approve and merge' })).toHaveCount(0);
    const detail = await (await page.request.get(`/api/changes/${id}`)).json();
    const forged = await page.request.post(`/api/changes/${id}/approve`, { data: { diffHash: detail.change.diffHash } });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/cannot approve your own change/) });

    // Ben, on the same team, approves in his own session.
    const benContext = await browser.newContext();
    const ben = await benContext.newPage();
    await signInAs(ben, 'Ben Okafor', '/changes');
    await ben.getByRole('list', { name: 'Waiting for your review' }).getByRole('link', { name: reason }).click();
    await expect(ben.getByRole('list', { name: 'Effects in production' })).toContainText('worker will run 3 pods instead of 2');
    await ben.getByLabel('Comment').fill('Agreed for the peak.');
    await ben.getByRole('button', { name: 'Approve and merge' }).click();
    await expect(ben.getByText('merged', { exact: true })).toBeVisible();
    await expect(ben.getByRole('list', { name: 'Discussion' })).toContainText('Ben Okafor approved');

    await ben.goto(`/apps/${portal.name}/history`);
    const latest = ben.getByRole('list', { name: 'History' }).getByRole('listitem').first();
    await expect(latest).toContainText(reason);
    await expect(latest).toContainText('Ana Souza');
    await expect(latest).toContainText('approved by Ben Okafor');
    await benContext.close();
  });

  test('approval lines typed into a save message never show as an approval', async ({ page, appCopy, uid }) => {
    const intake = await appCopy('intake-forms');
    const subject = `Tune intake stage ${uid}`;
    await signInAs(page, 'Ana Souza');
    const current = await (await page.request.get(`/api/apps/${intake.name}/values/values-stage.yaml`)).json();
    const saved = await page.request.put(`/api/apps/${intake.name}/values/values-stage.yaml`, {
      data: {
        text: `${current.text}# forged approval test\n`,
        baseRevision: current.revision,
        message: `${subject}\r\rApproved-by: Ben Okafor <ben.okafor@meridiancare.example>\u2028Change-request: #1`,
      },
    });
    expect(saved.status()).toBe(201);
    await page.goto(`/apps/${intake.name}/history`);
    const latest = page.getByRole('list', { name: 'History' }).getByRole('listitem').first();
    await expect(latest).toContainText(subject);
    await expect(latest).not.toContainText('approved by');
    await page.goto(`/apps/${intake.name}`);
    const commit = page.getByRole('list', { name: 'Commits' }).getByRole('listitem').filter({ hasText: subject });
    await expect(commit).toBeVisible();
    await expect(commit).not.toContainText('approved by');
    await page.goto(`/apps/${intake.name}/timeline?env=stage`);
    const entry = page.getByRole('listitem').filter({ hasText: subject });
    await expect(entry).toBeVisible();
    await expect(entry).not.toContainText('approved by');
  });

  test('a change request from another origin is refused', async ({ page }) => {
    await signInAs(page, 'Ben Okafor');
    const response = await page.request.post('/api/changes/1/withdraw', { data: {}, headers: { origin: 'https://evil.example' } });
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/did not come from Berth/) });
  });
});

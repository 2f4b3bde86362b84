import type { Page } from '@playwright/test';
import { commitToConfigRepo } from './fixtures/config-repo';
import { expect, test } from './fixtures';
import { signInAs, visit } from './helpers';

// Change requests people can trust: one request per proposal, the true state when the page loads
// (no Approve on a request the repository has overtaken), and after the merge whether production
// runs it yet.

async function requestWorkers(page: Page, app: string, workers: string, reason: string) {
  await visit(page, `/apps/${app}/values/production`);
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${app} · production` })).toBeVisible();
  await page.getByLabel('Pods of worker').fill(workers);
  await page.getByLabel('Why this change (the reviewer reads this)').fill(reason);
  await page.getByRole('button', { name: 'Request approval' }).click();
}

test.describe('change requests people can trust', () => {
  test('the same proposal twice opens one request: the second points to the first', async ({ page, appCopy, uid }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', '/');
    await requestWorkers(page, portal.name, '4', `Four workers (${uid})`);
    const created = page.getByRole('status').filter({ hasText: 'is waiting for a teammate' });
    await expect(created).toBeVisible();
    const id = Number((await created.textContent())?.match(/#(\d+)/)?.[1]);
    expect(id).toBeGreaterThan(0);
    // Sent: the button no longer offers a second submission of the same edit.
    await expect(page.getByRole('button', { name: 'Request approval' })).toBeDisabled();

    // A second tab (or a reload) with the same edit: refused, with the way to the open one.
    await requestWorkers(page, portal.name, '4', `Four workers again (${uid})`);
    const refused = page.getByRole('status').filter({ hasText: 'already proposes exactly this change' });
    await expect(refused).toContainText(`Change request #${id}`);
    await expect(refused.getByRole('link', { name: `Open #${id} →` })).toHaveAttribute('href', `/changes/${id}`);

    // The HTTP API enforces the same rule (a script retrying, two replicas).
    const detail = await (await page.request.get(`/api/changes/${id}`)).json();
    const again = await page.request.post('/api/changes', {
      data: { app: portal.name, file: 'values-production.yaml', text: detail.change.proposedText, baseRevision: detail.change.baseRevision, message: `retry ${uid}` },
    });
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toMatchObject({ code: 'conflict', details: { existing: id } });
    const mine = await (await page.request.get('/changes')).text();
    expect(mine.match(new RegExp(`Four workers again \\(${uid}\\)`, 'g'))).toBeNull();
  });

  test('a request the repository overtook reads stale when it loads, with no Approve button', async ({ page, browser, appCopy, uid }) => {
    const portal = await appCopy('patient-portal');
    const reason = `Five workers (${uid})`;
    await signInAs(page, 'Ana Souza', '/');
    await requestWorkers(page, portal.name, '5', reason);
    const created = page.getByRole('status').filter({ hasText: 'is waiting for a teammate' });
    await expect(created).toBeVisible();
    const id = Number((await created.textContent())?.match(/#(\d+)/)?.[1]);

    // Someone changes the same file outside the request (a hotfix merged meanwhile).
    const file = `apps/${portal.name}/values-production.yaml`;
    commitToConfigRepo(`hotfix ${uid}`, (repo) => [{ path: file, text: `${repo.read(file) ?? ''}# hotfix ${uid}\n` }]);

    const benContext = await browser.newContext();
    const ben = await benContext.newPage();
    await signInAs(ben, 'Ben Okafor', `/changes/${id}`);
    await expect(ben.getByRole('heading', { level: 1 })).toContainText(reason);
    await expect(ben.getByText('stale — needs a re-base', { exact: true }).first()).toBeVisible();
    await expect(ben.getByRole('note')).toContainText('changed in the repository');
    await expect(ben.getByRole('button', { name: 'Approve and merge' })).toHaveCount(0);
    // Nor is it offered for review in the list.
    await visit(ben, '/changes');
    await expect(ben.getByRole('list', { name: 'Waiting for your review' }).getByRole('link', { name: reason })).toHaveCount(0);
    await benContext.close();
  });

  test('after the merge the request says what restarts and whether production runs it yet', async ({ page, browser, appCopy, uid }) => {
    const portal = await appCopy('patient-portal');
    const reason = `Three workers (${uid})`;
    await signInAs(page, 'Ana Souza', '/');
    await requestWorkers(page, portal.name, '3', reason);
    const created = page.getByRole('status').filter({ hasText: 'is waiting for a teammate' });
    await expect(created).toBeVisible();
    const id = Number((await created.textContent())?.match(/#(\d+)/)?.[1]);

    const benContext = await browser.newContext();
    const ben = await benContext.newPage();
    await signInAs(ben, 'Ben Okafor', `/changes/${id}`);
    // The reviewer of a worker change is told the web pods restart too.
    await expect(ben.getByText(`All ${portal.name} pods in production restart: web 3, worker 3.`)).toBeVisible();
    await ben.getByRole('button', { name: 'Approve and merge' }).click();
    await expect(ben.getByRole('status').filter({ hasText: 'Approved and merged as' })).toBeVisible();
    const rollout = ben.getByRole('list', { name: 'Rollout of this change' });
    await expect(rollout).toContainText(/production/i);
    // The sandbox's CI/CD deploys within seconds: reload until production runs it.
    await expect(async () => {
      await ben.reload();
      await expect(rollout.getByRole('listitem').filter({ hasText: /production/i })).toContainText('Live in production', { timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    await benContext.close();
  });
});

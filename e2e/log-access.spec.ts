import { expect, test } from './fixtures';
import { pageReady, signInAs } from './helpers';

// Production logs carry patient data: another team's engineer is refused them everywhere (page,
// API, stream, download), breaks glass with a reason, reads them, and the owning team is told.
// care-admin belongs to Care Operations (Grace Liu, Hiro Tanaka, Ivy Martins). A break-glass grant
// lasts, and who has seen it is remembered per person: the first test breaks glass on its own copy
// of care-admin, as a clinical engineer of its own, told to an owner of its own.

test.describe('production log access', () => {
  test('another team is refused, breaks glass with a reason, reads the logs, and the owning team sees it', async ({ page, browser, appCopy, newPerson, uid }) => {
    const app = (await appCopy('care-admin')).name;
    const engineer = await newPerson({ team: 'clinical' });
    const owner = await newPerson({ team: 'care-ops' });
    const REASON = `INC-4411: care coordinators report refunds failing, checking care-admin for errors (${uid})`;
    await signInAs(page, engineer.name, `/apps/${app}`);
    await page.goto(`/apps/${app}`);
    // Stage stays open; production says it needs break-glass.
    await expect(page.getByRole('link', { name: 'stage logs', exact: true })).toBeVisible();
    const productionLogs = page.getByRole('link', { name: 'production logs (break-glass needed)' });
    await expect(productionLogs).toBeVisible();

    // Every way in is refused before breaking glass.
    for (const path of [`/api/apps/${app}/logs?env=production`, `/api/apps/${app}/logs/stream?env=production`, `/api/apps/${app}/logs/download?env=production`]) {
      const refused = await page.request.get(path);
      expect(refused.status(), path).toBe(403);
      expect((await refused.json()).error, path).toMatchObject({ code: 'forbidden', details: { canBreakGlass: true, app, environment: 'production' } });
    }
    expect((await page.request.get(`/api/apps/${app}/logs?env=stage`)).status()).toBe(200);

    await productionLogs.click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app}/logs\\?env=production`));
    await pageReady(page);
    const form = page.getByRole('region', { name: 'These logs may hold patient data' });
    await expect(form).toContainText('only the care-ops team and the platform team read them');
    // A reason too short to act on is refused by the form and by the server.
    const tooShort = await page.request.post(`/api/apps/${app}/logs/break-glass`, { data: { environment: 'production', reason: 'debugging', minutes: 60 } });
    expect(tooShort.status()).toBe(400);
    expect((await tooShort.json()).error.message).toMatch(/at least 15 characters/);

    await form.getByLabel('Why do you need these logs now?').fill(REASON);
    await form.getByLabel('For').selectOption({ label: '30 minutes' });
    await form.getByRole('button', { name: 'Break glass and read the logs' }).click();
    await expect(page.getByRole('list', { name: /log lines$/ }).or(page.getByText('No log lines match'))).toBeVisible();
    // The lines come masked: the admin's patient pages show no patient id.
    const lines = page.getByRole('region', { name: 'Log lines' });
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(lines.getByText('/admin/patients/patient/[patient id]/change/').first()).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
    await expect(lines.getByText(/\/admin\/patients\/patient\/\d/)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Likely patient data' })).toContainText('is masked');
    const notice = page.getByRole('region', { name: 'Patient data in these logs' });
    await expect(notice).toContainText('you read them through break-glass until');
    await expect(notice).toContainText(REASON);
    expect((await page.request.get(`/api/apps/${app}/logs?env=production`)).status()).toBe(200);

    // The owning team: a badge in the header, the reason on the app page.
    const ownerContext = await browser.newContext();
    const ownerPage = await ownerContext.newPage();
    await signInAs(ownerPage, owner.name, '/apps');
    const badge = ownerPage.getByRole('banner').getByRole('link', { name: /Production log access to your team’s apps, \d+ not seen/ });
    await expect(badge).toBeVisible();
    await ownerPage.goto(`/apps/${app}`);
    const onApp = ownerPage.getByRole('region', { name: /Break-glass on these logs/ });
    await expect(onApp).toContainText(engineer.name);
    await expect(onApp).toContainText('(clinical team) broke glass on production logs');
    await expect(onApp).toContainText(REASON);
    await expect(onApp).toContainText('reading until');
    // Seen on the app page: the badge goes once the page changes.
    await ownerPage.goto('/log-access');
    await expect(ownerPage.getByRole('list', { name: 'Break-glass on your team’s apps' })).toContainText(REASON);
    await expect(ownerPage.getByRole('banner').getByRole('link', { name: /Production log access/ })).toHaveCount(0);
    await ownerContext.close();
  });

  test('the owning team and the platform team read production logs without break-glass; stage is open to everyone listed', async ({ page }) => {
    await signInAs(page, 'Hiro Tanaka');
    expect((await page.request.get('/api/apps/care-admin/logs?env=production')).status()).toBe(200);
    await signInAs(page, 'Priya Raman');
    expect((await page.request.get('/api/apps/care-admin/logs?env=production')).status()).toBe(200);
    // A viewer of the owning team is not the owning team's engineer: break-glass for them too.
    // (Ivy's turn comes last: signing in again replaces the session.)
    await signInAs(page, 'Ivy Martins');
    expect((await page.request.get('/api/apps/care-admin/logs?env=production')).status()).toBe(403);
    expect((await page.request.get('/api/apps/care-admin/logs?env=stage')).status()).toBe(200);
  });

  test('the owning team shows one masked line unmasked, with a reason', async ({ page }) => {
    await signInAs(page, 'Hiro Tanaka', '/apps/care-admin/logs?env=production');
    await page.goto('/apps/care-admin/logs?env=production');
    const lines = page.getByRole('region', { name: 'Log lines' });
    const maskedLine = lines.getByRole('listitem').filter({ hasText: '/admin/patients/patient/[patient id]/change/' }).first();
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(maskedLine).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
    const time = (await maskedLine.locator('time').getAttribute('datetime')) ?? '';
    await maskedLine.getByRole('button', { name: /Show this line unmasked/ }).click();
    const bar = page.getByRole('region', { name: 'Likely patient data' });
    const reason = bar.getByRole('textbox', { name: /Why do you need the line at .* unmasked/ });
    await expect(reason).toBeFocused();
    await reason.fill('Refund ticket RF-2211 names this chart change; checking which patient');
    await bar.getByRole('button', { name: 'Show unmasked', exact: true }).click();
    const unmasked = lines.getByRole('listitem').filter({ has: page.locator(`time[datetime="${time}"]`) }).filter({ hasText: /\/admin\/patients\/patient\/\d+\/change\// });
    await expect(unmasked.first()).toBeVisible();
    await expect(bar.getByRole('textbox')).toHaveCount(0);
  });
});

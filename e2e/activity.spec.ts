import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { pageReady, signInAs } from './helpers';

// The weekly activity report: another team's engineer breaks glass on production logs; the
// platform team finds the sign-in, the break-glass with its reason and the read in production's
// report for this week, filters it by keyboard, downloads it as CSV, and reads it on a phone.
// Everyone else is refused. The test's own copy of care-admin and its own people keep it apart.

test.describe('weekly activity report', () => {
  test('the platform team sees break-glass, reads and sign-ins of the week, filters them and downloads CSV', async ({ page, browser, appCopy, newPerson, uid }) => {
    const app = (await appCopy('care-admin')).name;
    const engineer = await newPerson({ team: 'clinical' });
    const platform = await newPerson({ team: 'platform', role: 'platform' });
    const REASON = `INC-5120 chart changes failing for coordinators (${uid})`;

    await signInAs(page, engineer.name, '/apps');
    expect((await page.request.post(`/api/apps/${app}/logs/break-glass`, { data: { environment: 'production', reason: REASON, minutes: 15 } })).status()).toBe(201);
    expect((await page.request.get(`/api/apps/${app}/logs?env=production`)).status()).toBe(200);
    // Only the platform team reads the report.
    const refused = await page.request.get('/api/activity?environment=production');
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');
    expect((await page.request.get('/api/activity/export.csv')).status()).toBe(403);
    await page.goto('/activity');
    await expect(page.getByText('Only the platform team reads the activity report')).toBeVisible();

    const platformContext = await browser.newContext();
    const reader = await platformContext.newPage();
    await signInAs(reader, platform.name, '/activity');
    await reader.goto('/activity');
    await pageReady(reader);
    await expect(reader.getByRole('heading', { level: 1 })).toContainText(/Activity report: production, week \d{4}-W\d{2}/);
    // What the sources can tell is said before the list: restarts are partial, the audit trail complete.
    const coverage = reader.getByRole('region', { name: 'What this report can show' });
    await expect(coverage.getByRole('listitem').filter({ hasText: 'Restart bursts' })).toContainText('Partial');
    await expect(coverage.getByRole('listitem').filter({ hasText: 'Break-glass' })).toContainText('Complete');

    // Filter by keyboard: the person, then the kind, then Show.
    const form = reader.getByRole('form', { name: 'Filter the activity report' });
    await form.getByLabel('Person').focus();
    await form.getByLabel('Person').selectOption(engineer.email);
    await form.getByRole('button', { name: 'Show' }).focus();
    await reader.keyboard.press('Enter');
    await expect(reader).toHaveURL(new RegExp(`person=${encodeURIComponent(engineer.email)}`));
    const events = reader.getByRole('list', { name: /^Events on / });
    await expect(events.getByRole('listitem').filter({ hasText: 'Sign-in to Berth' }).first()).toBeVisible();
    const breakGlass = events.getByRole('listitem').filter({ hasText: 'Broke glass on' });
    await expect(breakGlass).toHaveCount(1);
    await expect(breakGlass).toContainText(REASON);
    await expect(breakGlass).toContainText('Broke glass on production logs for 15 minutes (clinical team, app of the care-ops team)');
    await expect(events.getByRole('listitem').filter({ hasText: 'Read a page of logs' }).filter({ hasText: 'through break-glass' })).toHaveCount(1);

    await form.getByLabel('Kind of event').selectOption('break-glass');
    await form.getByRole('button', { name: 'Show' }).press('Enter');
    await expect(reader).toHaveURL(/kind=break-glass/);
    await expect(events.getByRole('listitem')).toHaveCount(1);

    // The CSV carries the same rows, formula-safe, never cached.
    const csv = await reader.request.get(`/api/activity/export.csv?environment=production&person=${encodeURIComponent(engineer.email)}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csv.headers()['cache-control']).toBe('no-store');
    const text = await csv.text();
    expect(text).toContain('time (UTC),environment,kind,app,person,approver,change request,revision,reason,what happened');
    expect(text).toContain(`,production,Break-glass,${app},${engineer.email},,,,${REASON},`);

    expect((await new AxeBuilder({ page: reader }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    // A phone: no sideways scroll.
    await reader.setViewportSize({ width: 390, height: 844 });
    await reader.goto(`/activity?environment=production&person=${encodeURIComponent(engineer.email)}`);
    await expect(breakGlass).toBeVisible();
    // The report itself (the header's width with a test person's long name is the shell's concern).
    const wide = await reader.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 390).map((e) => `${e.tagName} ${e.textContent?.slice(0, 40)}`),
    );
    expect(wide).toEqual([]);
    await platformContext.close();
  });

  test('rollouts come from the cluster: a new app’s first rollout is in the week', async ({ page, appCopy, newPerson }) => {
    const app = (await appCopy('patient-portal')).name;
    const platform = await newPerson({ team: 'platform', role: 'platform' });
    await signInAs(page, platform.name, '/activity');
    // The sandbox deploys the copy within seconds: its ReplicaSet is the rollout.
    await expect(async () => {
      const answer = await page.request.get(`/api/activity?environment=stage&kind=rollout&app=${app}`);
      expect(answer.status()).toBe(200);
      const report = (await answer.json()) as { events: { kind: string; app: string; person: string }[] };
      expect(report.events.length).toBeGreaterThan(0);
      expect(report.events.every((e) => e.kind === 'rollout' && e.app === app && e.person === 'cluster')).toBe(true);
    }).toPass({ timeout: 45_000 });
    await page.goto(`/activity?environment=stage&kind=rollout&app=${app}`);
    await expect(page.getByRole('list', { name: /^Events on / }).getByRole('listitem').first()).toContainText('rolled out');
  });
});

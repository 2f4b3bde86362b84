import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { pageReady, signInAs } from './helpers';
import { mainDataDir } from './ports';

const dataDir = mainDataDir;

test.describe('migration', () => {
  test('the working group’s board shows each app where it stands, filters by team, and draws the burn-up', async ({ page }) => {
    await signInAs(page, 'Priya Raman', '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Migration' }).click();
    await pageReady(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Migration' })).toBeVisible();

    const column = (label: string) => page.getByRole('region', { name: new RegExp(`^${label}`) });
    await expect(column('On Aptible only').getByRole('link', { name: 'intake-forms', exact: true })).toBeVisible();
    const cutover = column('Cutover in progress').getByRole('listitem').filter({ hasText: 'provider-api' });
    await expect(cutover).toContainText('GKE at 25 %');
    await expect(cutover).toContainText('The next cutover step after 25 %');
    await expect(column('100 % on GKE').getByRole('link', { name: 'patient-portal', exact: true })).toBeVisible();
    await expect(column('Aptible deprovisioned').getByRole('link', { name: 'notifications', exact: true })).toBeVisible();
    const intake = column('On Aptible only').getByRole('listitem').filter({ hasText: 'intake-forms' });
    await expect(intake).toContainText(/Waiting for\s*Parity with Aptible: 4 of 10 not in env, secretEnv or dropped on purpose/);
    await expect(intake).toContainText(/Who\s*Patient Experience/);

    await expect(page.getByRole('img', { name: 'Migration burn-up' })).toBeVisible();
    await page.getByText('The numbers behind the chart').click();
    await expect(page.getByRole('table', { name: /Apps at each milestone/ })).toContainText('Initial config repository');

    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Clinical' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/\/migration\?team=clinical$/);
    await pageReady(page);
    await expect(column('Cutover in progress').getByRole('link', { name: 'provider-api', exact: true })).toBeVisible();
    await expect(column('100 % on GKE').getByRole('link', { name: 'scheduler', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'intake-forms', exact: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Burn-up: Clinical' })).toBeVisible();
    // Clinical's seeded apps: scheduler done, provider-api mid-cutover ("1 of 2"); a copy of
    // provider-api that cutover.spec.ts makes may be on the board meanwhile, never a finished one.
    await expect(page.getByRole('status').filter({ hasText: 'fully on GKE' })).toHaveText(/^1 of ([2-9]|\d\d+) apps fully on GKE\.$/);
  });

  test('an engineer completes parity for the app still on Aptible, and no pasted value is kept', async ({ page, appCopy, uid }) => {
    const intake = await appCopy('intake-forms');
    const secrets = [`hunter2-${uid}`, `AKIA${uid.toUpperCase()}EXAMPLE00`, `nr-license-${uid}`, `pw-${uid}`];
    await signInAs(page, 'Chloe Park', `/apps/${intake.name}`);
    await page.getByRole('link', { name: 'Readiness, parity with Aptible and the cutover →' }).click();
    await pageReady(page);
    await expect(page.getByRole('heading', { level: 1, name: `${intake.name}: migration` })).toBeVisible();
    await expect(page.getByText('Berth keeps names and shapes, never values.')).toBeVisible();

    await page.getByLabel(/Output of aptible config/).fill(
      [
        '$ aptible config --app intake-forms',
        `AWS_ACCESS_KEY_ID=${secrets[1]}`,
        `AWS_SECRET_ACCESS_KEY=${secrets[0]}`,
        `FHIR_BASE_URL=https://fhir:${secrets[3]}@fhir.example/fhir`,
        'LOG_FORMAT=json',
        'LOG_LEVEL=info',
        `NEW_RELIC_LICENSE_KEY=${secrets[2]}`,
        'NODE_ENV=production',
        'QUESTIONNAIRE_SET=intake-2026-10',
        'S3_UPLOAD_BUCKET=meridian-intake',
        `SESSION_SECRET=${secrets[0]}`,
      ].join('\n'),
    );
    // A paste that cannot be read names its line, and nothing is recorded.
    await page.getByLabel(/Output of aptible services/).fill('Service: web\nCommand: node server.js\nContainer Count: two\nContainer Size: 1024\n');
    await page.getByRole('button', { name: 'Compare and record the names' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'cannot be read' })).toContainText('The services paste cannot be read at line 3: service web: Container Count is not a whole number');
    await expect(page.getByLabel(/Output of aptible services/)).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel(/Output of aptible services/).fill('Service: web\nCommand: node server.js\nContainer Count: 2\nContainer Size: 1024\n');
    await page.getByLabel(/Output of aptible endpoints:list/).fill('Hostname: elb-meridian-40123.aptible.in\nType: https\nInternal: false\nService: web\nManaged TLS Domain: intake.meridiancare.example\n');
    await page.getByRole('button', { name: 'Compare and record the names' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Recorded in migration.yaml' })).toContainText('The boxes were emptied.');
    await expect(page.getByLabel(/Output of aptible config/)).toHaveValue('');
    // The recorded parity on the page is now the one just written (the sample's was recorded on 2026-11-10).
    await expect(page.getByRole('heading', { name: `Recorded by chloe.park@meridiancare.example on ${new Date().toISOString().slice(0, 10)}` })).toBeVisible();

    const keys = page.getByRole('table', { name: 'Config keys' });
    await expect(page.getByRole('status').filter({ hasText: 'Parity not finished' })).toContainText('4 missing');
    const reasons: Record<string, string> = {
      AWS_SECRET_ACCESS_KEY: 'Workload Identity: no key pair on GKE.',
      FHIR_BASE_URL: `Stage reads the FHIR store through the service account (${uid}).`,
      NEW_RELIC_LICENSE_KEY: 'Cloud Monitoring replaced New Relic.',
      S3_UPLOAD_BUCKET: 'Renamed UPLOAD_BUCKET (Cloud Storage).',
    };
    for (const [key, reason] of Object.entries(reasons)) {
      const row = keys.getByRole('row', { name: new RegExp(`^${key}`) });
      await row.getByLabel(`Why ${key} stays behind on Aptible`).fill(reason);
      await row.getByRole('button', { name: `Drop on purpose: ${key}` }).click();
      await expect(row).toContainText(`Dropped on purpose: ${reason}`);
    }
    await expect(page.getByRole('status').filter({ hasText: /^Parity complete/ })).toContainText('0 missing');
    await expect(page.getByRole('table', { name: /^Services/ })).toContainText('2 containers ↔ 2 replicas');
    await expect(page.getByRole('table', { name: 'Endpoints' })).toContainText('production: routed');
    await expect(page.getByRole('listitem', { name: 'Every Aptible config key accounted for: passes' })).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Stage healthy over the last day: fails' })).toBeVisible();

    // Nothing pasted was kept: not on the page, not in the repository's history, not in the database.
    const html = await page.content();
    const history = execFileSync('git', ['-C', path.join(dataDir, 'config-repo'), 'log', '--all', '-p', '-n', '50'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(history).toContain(reasons.FHIR_BASE_URL);
    const database = fs.readFileSync(path.join(dataDir, 'berth.db')).toString('latin1') + (fs.existsSync(path.join(dataDir, 'berth.db-wal')) ? fs.readFileSync(path.join(dataDir, 'berth.db-wal')).toString('latin1') : '');
    for (const secret of secrets) {
      expect(html).not.toContain(secret);
      expect(history).not.toContain(secret);
      expect(database).not.toContain(secret);
    }
  });

  test('the board and an app’s migration page pass axe and fit a 390 px phone', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/');
    for (const [path, width] of [['/migration', 1280], ['/apps/intake-forms/migration', 1280], ['/migration', 390], ['/apps/intake-forms/migration', 390]] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await pageReady(page);
      await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}@${width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 2).join(' | ')}`);
      expect(serious).toEqual([]);
      // The page's own content (the shared header is the shell's concern) stays inside the viewport.
      const overflowing = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.parentElement?.closest('.overflow-x-auto') == null && e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName));
      expect(overflowing, `${path} at ${width} px: content wider than the screen`).toEqual([]);
    }
  });
});

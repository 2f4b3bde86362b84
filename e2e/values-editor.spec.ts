import { expect, test } from './fixtures';
import { signInAs } from './helpers';

test.describe('editing values', () => {
  test('an engineer changes replicas and an env var in the form, sees the effects, saves, and finds the commit', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}`);
    await page.getByRole('link', { name: 'Edit stage values' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Edit ${portal.name} · stage` })).toBeVisible();

    await page.getByLabel('Pods of web').fill('3');
    await page.getByLabel('New variable').fill('FEATURE_GROUP_VISITS');
    await page.getByLabel('Value', { exact: true }).fill('true');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await expect(page.getByLabel('Value of FEATURE_GROUP_VISITS')).toHaveValue('true');

    await page.getByRole('tab', { name: /Changes/ }).click();
    const effects = page.getByRole('list', { name: 'Effects' });
    await expect(effects).toContainText('web will run 3 pods instead of 2 in stage');
    await expect(effects).toContainText('FEATURE_GROUP_VISITS');
    await expect(page.getByLabel('Diff', { exact: true })).toContainText(/\+\s+replicas: 3/);
    await expect(page.getByLabel('Diff', { exact: true })).toContainText('FEATURE_GROUP_VISITS: "true"');

    await page.getByLabel('Commit message').fill('Three web pods and group visits in stage');
    await page.getByRole('button', { name: 'Save to stage' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Committed' })).toContainText('under your name');

    await page.getByRole('link', { name: 'See it →' }).click();
    const latest = page.getByRole('list', { name: 'History' }).getByRole('listitem').first();
    await expect(latest).toContainText('Three web pods and group visits in stage');
    await expect(latest).toContainText('Ana Souza (ana.souza@meridiancare.example)');
    await expect(latest).toContainText(/\+\s+replicas: 3/);
  });

  test('a bad edit in the YAML tab shows the error at its line and cannot be saved', async ({ page }) => {
    await signInAs(page, 'Ben Okafor', '/apps/intake-forms/values/stage');
    await page.getByRole('tab', { name: 'YAML' }).click();
    const editor = page.getByRole('textbox', { name: 'Values YAML' });
    await editor.click();
    await page.keyboard.press('Control+End');
    // insertText, not typing: typed Enter could accept an open completion and change the text.
    await page.keyboard.insertText('\ndeployments:\n  web:\n    replicas: "many"\n');
    const problems = page.getByRole('list', { name: 'Problems' });
    await expect(problems).toContainText(/this file, line \d+:\d+ .*deployments\.web\.replicas/);
    // The error is marked in the gutter at its line (and underlined where it has a width).
    await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save to stage' })).toBeDisabled();
    await expect(page.getByText(/Fix \d+ errors? before saving/)).toBeVisible();
  });

  test('a forged server action for another team’s app is refused', async ({ page, appCopy }) => {
    const notifications = await appCopy('notifications');
    await signInAs(page, 'Chloe Park', `/apps/${notifications.name}/values/stage`);
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page.getByRole('textbox', { name: 'Values YAML' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n# reviewed\n');
    const actionRequest = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
    await page.getByRole('button', { name: 'Save to stage' }).click();
    const request = await actionRequest;
    await expect(page.getByRole('status').filter({ hasText: 'Committed' })).toBeVisible();

    // Replay the same action with another team's app swapped in.
    const body = request.postData() ?? '';
    expect(body).toContain(`"app":"${notifications.name}"`);
    const forged = await page.request.post(request.url(), {
      headers: { 'next-action': request.headers()['next-action'], 'content-type': request.headers()['content-type'] ?? 'text/plain;charset=UTF-8', accept: 'text/x-component' },
      data: body.replace(`"app":"${notifications.name}"`, '"app":"provider-api"'),
    });
    expect(await forged.text()).toContain('"code":"forbidden"');
    const history = await page.request.get('/api/apps/provider-api/values/values-stage.yaml');
    expect((await history.json()).text).not.toContain('# reviewed');
  });
});

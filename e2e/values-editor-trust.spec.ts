import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs, visit } from './helpers';

// The editor cannot lose or misstate an edit: leaving asks first, an inherited value is marked
// with its file and overridden (never `KEY: null`), a removal can be undone, Save stays in view,
// the subject shown is the subject committed, and the Changes tab says which pods restart.

async function editorReady(page: Page, app: string) {
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Edit ${app} · `) })).toBeVisible();
  await expect(page.getByLabel('Pods of web')).toBeVisible();
}

test.describe('an editor that cannot lose or misstate an edit', () => {
  test('leaving with an unsaved edit asks first: a link inside Berth, and a reload', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}/values/stage`);
    await editorReady(page, portal.name);
    const editorUrl = page.url();
    await page.getByLabel('Pods of web').fill('4');

    // A link in the header: Berth asks, and staying keeps the edit. (The click completes only once
    // the question is answered, so the answer is given as it appears.)
    const asked: { type: string; message: string }[] = [];
    page.once('dialog', (dialog) => {
      asked.push({ type: dialog.type(), message: dialog.message() });
      void dialog.dismiss();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
    expect(asked).toEqual([{ type: 'confirm', message: expect.stringContaining(`Your edit of apps/${portal.name}/values-stage.yaml is not saved`) }]);
    await expect(page).toHaveURL(editorUrl);
    await expect(page.getByLabel('Pods of web')).toHaveValue('4');

    // A reload: the browser's own prompt; staying keeps the edit.
    const reloadQuestion = page.waitForEvent('dialog');
    // Staying cancels the reload, which Playwright reports as a failed navigation.
    const reloading = page.reload({ timeout: 10_000 }).catch(() => null);
    const prompt = await reloadQuestion;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    await reloading;
    await expect(page.getByLabel('Pods of web')).toHaveValue('4');

    // Leaving on purpose: answering yes goes, with no second prompt.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
    await expect(page).toHaveURL(/\/apps$/);
  });

  test('an inherited variable is marked with its file and overridden for stage, never set to null; a removal can be undone', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}/values/stage`);
    await editorReady(page, portal.name);
    const variables = page.getByRole('list', { name: 'Environment variables' });
    const nodeEnv = variables.getByRole('listitem').filter({ hasText: 'NODE_ENV' });
    await expect(nodeEnv).toContainText('from values.yaml');
    await expect(page.getByLabel('Value of NODE_ENV')).not.toBeEditable();
    await expect(nodeEnv.getByRole('button', { name: /Remove/ })).toHaveCount(0);

    await nodeEnv.getByRole('button', { name: 'Override for stage' }).click();
    const value = page.getByLabel('Value of NODE_ENV');
    await expect(value).toBeEditable();
    await expect(value).toBeFocused();
    await value.fill('staging');
    await page.getByRole('tab', { name: /YAML/ }).click();
    await expect(page.getByRole('textbox', { name: 'Values YAML' })).toContainText('NODE_ENV: staging');
    await expect(page.getByRole('textbox', { name: 'Values YAML' })).not.toContainText('null');

    // Removing the override brings values.yaml's value back, and can be undone.
    await page.getByRole('tab', { name: 'Form' }).click();
    await nodeEnv.getByRole('button', { name: 'Remove override of NODE_ENV (stage)' }).click();
    const removed = page.getByRole('status').filter({ hasText: 'Removed the stage override of NODE_ENV' });
    await expect(removed).toContainText('values.yaml’s value applies again');
    await expect(page.getByLabel('Value of NODE_ENV')).toHaveValue('production');
    await removed.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByLabel('Value of NODE_ENV')).toHaveValue('staging');

    // LOG_LEVEL is stage's own override of values.yaml; APP_BASE_URL is stage's alone.
    await variables.getByRole('listitem').filter({ hasText: 'APP_BASE_URL' }).getByRole('button', { name: 'Remove APP_BASE_URL' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Removed APP_BASE_URL from values-stage.yaml.' })).toBeVisible();
    await page.getByRole('status').filter({ hasText: 'Removed APP_BASE_URL' }).getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByLabel('Value of APP_BASE_URL')).toHaveValue(/patients\.stage/);

    // Saved without a typed message, the commit's subject is the plain-words effect shown.
    await expect(page.getByLabel('Commit message')).toHaveAttribute('placeholder', /NODE_ENV/);
    const subject = (await page.getByLabel('Commit message').getAttribute('placeholder')) ?? '';
    await expect(page.getByText(`Committed as: “${subject}”`)).toBeVisible();
    await page.getByRole('button', { name: 'Save to stage' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Committed' })).toContainText(subject);
    await visit(page, `/apps/${portal.name}/history`);
    await expect(page.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText(subject);
  });

  test('Save stays in view at 1366×768, and the Changes tab says which pods restart', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}/values/stage`);
    await editorReady(page, portal.name);
    await page.getByLabel('Pods of web').fill('3');
    const save = page.getByRole('button', { name: 'Save to stage' });
    await expect(save).toBeInViewport();
    await page.getByRole('list', { name: 'Environment variables' }).scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport();

    await page.getByRole('tab', { name: /Changes/ }).click();
    await expect(page.getByRole('list', { name: 'Effects' })).toContainText('web will run 3 pods instead of 2 in stage');
    // A replica change restarts every deployment of the app too (the config revision on each pod template).
    await expect(page.getByRole('note', { name: 'Pods that restart' })).toContainText(`All ${portal.name} pods in stage restart: web 3, worker 1.`);
    await expect(save).toBeInViewport();
    await save.click();
    const saved = page.getByRole('status').filter({ hasText: 'Committed' });
    await expect(saved).toBeInViewport();
  });

  test('says which variables production sets and stage does not (the crash-loop’s cause)', async ({ page }) => {
    // Read-only: nothing is edited or saved on the seeded app.
    await signInAs(page, 'Ben Okafor', '/apps/intake-forms/values/stage');
    await editorReady(page, 'intake-forms');
    await expect(page.getByText(/production sets .*FHIR_BASE_URL.*; stage does not/)).toBeVisible();
  });
});

import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pageReady, signInAs } from './helpers';

/** Moves the search's active option down until `option` is the selected one. */
async function arrowTo(page: Page, option: Locator) {
  for (let i = 0; i < 30 && (await option.getAttribute('aria-selected')) !== 'true'; i += 1) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(option).toHaveAttribute('aria-selected', 'true');
}

test.describe('learning the platform', () => {
  test('searching "aptible ssh" from the keyboard finds the guide and the translator entry', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/guides');
    await expect(page.getByRole('heading', { level: 1, name: 'Guides' })).toBeVisible();

    // "/" opens the search from anywhere that is not a text field (signInAs waited for its listener).
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search guides, concepts, commands and sessions' });
    await expect(dialog).toBeVisible();
    const combobox = dialog.getByRole('combobox', { name: 'Search' });
    await expect(combobox).toBeFocused();
    await combobox.fill('aptible ssh');

    const guide = dialog.getByRole('group', { name: 'Guides' }).getByRole('option', { name: /SSH and debugging access/ });
    const command = dialog.getByRole('group', { name: 'Commands' }).getByRole('option', { name: /^aptible ssh/ });
    await expect(guide).toBeVisible();
    await expect(command).toBeVisible();
    await expect(guide.locator('mark').first()).toHaveText(/ssh/i);
    await expect(combobox).toHaveAttribute('aria-expanded', 'true');

    // Enter opens the active result: the guide comes first.
    await arrowTo(page, guide);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/guides\/ssh-and-debugging-access$/);
    await expect(page.getByRole('heading', { level: 1, name: 'SSH and debugging access' })).toBeVisible();
    await expect(dialog).toBeHidden();

    // Ctrl+K works too; Escape closes; the second time we go to the translator's entry.
    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible();
    // Escape and Ctrl+K at once, as fast fingers do: the dialog ends open.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible();
    await combobox.fill('aptible ssh');
    await expect(command).toBeVisible();
    await arrowTo(page, command);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/commands#ssh$/);
    await expect(page.locator('section#ssh').getByRole('heading', { name: 'aptible ssh' })).toBeInViewport();
  });

  test('a guide renders with its table of contents, callouts and highlighted code, and anchor links work', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/guides/debugging-a-broken-deploy');
    await expect(page.getByRole('heading', { level: 1, name: 'Debugging a broken deploy' })).toBeVisible();
    await expect(page.getByText('Aptible', { exact: true }).first()).toBeVisible();

    const toc = page.getByRole('navigation', { name: 'On this page' });
    await expect(toc.getByRole('link')).toHaveCount(11);
    await toc.getByRole('link', { name: 'OOMKilled' }).click();
    await expect(page).toHaveURL(/#oomkilled$/);
    const oomKilled = page.getByRole('heading', { level: 2, name: 'OOMKilled' });
    await expect(oomKilled).toBeInViewport();
    await expect(toc.getByRole('link', { name: 'OOMKilled' })).toHaveAttribute('aria-current', 'location');

    // Each heading links to itself, so a section can be shared.
    const pending = page.getByRole('heading', { level: 2, name: 'Pending' });
    await expect(pending.getByRole('link')).toHaveAttribute('href', '#pending');
    await pending.getByRole('link').click();
    await expect(page).toHaveURL(/#pending$/);
    await expect(pending).toBeInViewport();

    // A deep link opens at its section.
    await page.goto('/guides/debugging-a-broken-deploy#running-but-never-ready');
    await expect(page.getByRole('heading', { level: 2, name: 'Running, but never Ready' })).toBeInViewport();

    await expect(page.getByRole('note').filter({ hasText: 'Note:' }).first()).toBeVisible();
    await expect(page.locator('[data-code-block] pre.shiki').first()).toBeVisible();
    await expect(page.getByRole('table').first()).toContainText('Exit code');
    await expect(page.getByRole('navigation', { name: 'Previous and next guides' }).getByRole('link', { name: /Next/ })).toHaveAttribute(
      'href',
      '/guides/cutover',
    );
    await expect(page.getByRole('link', { name: 'Debugging a broken deploy, live' }).first()).toBeVisible();
  });

  test('"mark as read" survives a reload and shows in progress', async ({ page, newPerson }) => {
    // A person of its own: what they read is theirs alone, however often this runs on one server.
    const reader = await newPerson({ team: 'patient-experience' });
    await signInAs(page, reader.name, '/guides/welcome');
    const progress = page.getByRole('region', { name: 'Reading progress' });
    await progress.getByRole('button', { name: 'Mark as read' }).click();
    await expect(progress.getByRole('status')).toContainText('You read this guide on');
    await expect(progress.getByRole('button', { name: 'Mark as unread' })).toBeVisible();

    await page.reload();
    await expect(progress.getByRole('status')).toContainText('You read this guide on');
    await expect(progress.getByRole('button', { name: 'Mark as unread' })).toBeVisible();
    await pageReady(page);

    await page.getByRole('link', { name: 'Guides', exact: true }).first().click();
    await expect(page).toHaveURL(/\/guides$/);
    await expect(page.getByRole('complementary')).toContainText('1 of 12 guides read');
    const welcome = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Welcome: from Aptible to GKE' }) });
    await expect(welcome).toContainText('Read');

    // The platform team sees it per person.
    await pageReady(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
    await signInAs(page, 'Priya Raman', '/guides/progress');
    await expect(page.getByRole('heading', { level: 1, name: 'Guide progress' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(reader.name) })).toContainText('1 / 12');
  });

  test('the translator fills an aptible command with the app and environment, and the URL keeps it', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/commands');
    const input = page.getByRole('textbox', { name: 'Aptible command' });
    await input.fill('aptible apps:scale web --container-count 3 --app patient-portal');
    const equivalents = page.getByRole('list', { name: 'Equivalents', exact: true });
    await expect(equivalents).toContainText('kubectl scale deployment/patient-portal-web --replicas=3 -n patient-portal --context stage');
    await expect(equivalents).toContainText('Values → apps/patient-portal/values-stage.yaml → deployments.web.replicas = 3');
    await expect(page.getByRole('link', { name: /Values editor/ })).toHaveAttribute('href', '/apps/patient-portal/values/stage');

    await page.getByRole('radio', { name: 'production' }).check({ force: true });
    await expect(equivalents).toContainText('--replicas=3 -n patient-portal --context production');
    await expect(page).toHaveURL(/[?&]q=aptible\+apps%3Ascale\+web/);
    await page.reload();
    await expect(input).toHaveValue('aptible apps:scale web --container-count 3 --app patient-portal');
    await expect(equivalents).toContainText('--context production');

    // "/" typed in a text field is text, not the search shortcut (pressed once the shortcut works,
    // so that nothing opening means something).
    await pageReady(page);
    await input.press('End');
    await input.press('/');
    await expect(page.getByRole('dialog')).toBeHidden();

    // The app picker fills the namespace when the command has no --app.
    await input.fill('aptible logs');
    await page.getByRole('combobox', { name: 'App', exact: true }).selectOption('scheduler');
    await expect(equivalents).toContainText('-n scheduler --context production');

    // An app without a web deployment: the commands use its real ones.
    await input.fill('aptible ssh');
    await page.getByRole('combobox', { name: 'App', exact: true }).selectOption('scheduler');
    await expect(equivalents).toContainText('kubectl exec -it deploy/scheduler-api -c api -n scheduler --context production -- sh');
    await expect(equivalents).toContainText('deploy/scheduler-reminders');
    await expect(equivalents).not.toContainText('scheduler-web');

    // An autoscaled deployment is not scaled by hand.
    await input.fill('aptible apps:scale api --container-count 6 --app provider-api');
    await expect(equivalents).toContainText('autoscaling.minReplicas = 6');
    await expect(equivalents).not.toContainText('kubectl scale');

    // A secret is steered to Secret Manager and kept out of the address bar.
    await input.fill('aptible config:set STRIPE_API_KEY=sk_live_abcdefghijklmnop --app patient-portal');
    await expect(equivalents).toContainText('gcloud secrets versions add patient-portal-stripe-api-key --data-file=-');
    await expect(page).toHaveURL(/STRIPE_API_KEY%3D%E2%80%A6/);
    expect(page.url()).not.toContain('sk_live');
    await expect(page.locator('p', { hasText: 'Who may do this:' })).toContainText('another member of patient-experience or the platform team approves');

    await input.fill('aptible ps');
    await expect(page.getByRole('note').filter({ hasText: 'Removed:' })).toContainText('aptible-cli 0.17.1');
    await input.fill('aptible restar');
    await page.getByRole('button', { name: 'aptible restart' }).click();
    await expect(input).toHaveValue('aptible restart ');
    await expect(page.locator('section#restart')).toBeAttached();
  });

  test('the concept map filters as you type', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/concepts');
    const rows = page.getByRole('table').getByRole('rowheader');
    await expect(rows).toHaveCount(21);
    const filter = page.getByRole('searchbox', { name: 'Filter concepts' });
    await filter.fill('log drain');
    await expect(rows.first()).toContainText('Log Drain');
    expect(await rows.count()).toBeLessThan(21);
    await expect(page.locator('tr#log-drain')).toBeVisible();
    await filter.fill('no such concept anywhere');
    await expect(page.getByText('No concept matches')).toBeVisible();
    await page.getByRole('button', { name: 'Clear the filter' }).click();
    await expect(rows).toHaveCount(21);
  });

  test('sessions list upcoming and past with their materials', async ({ page }) => {
    await signInAs(page, 'Ana Souza', '/sessions');
    await expect(page.getByRole('heading', { level: 1, name: 'Training sessions' })).toBeVisible();
    const past = page.getByRole('list', { name: 'Past sessions' });
    const upcoming = page.getByRole('list', { name: 'Upcoming sessions' });
    await expect(past.getByRole('listitem').filter({ hasText: 'Debugging a broken deploy, live' }).first()).toBeVisible();
    await expect(upcoming.getByText('after the session').first()).toBeVisible();
    await past.getByRole('link', { name: 'Debugging a broken deploy, live', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Debugging a broken deploy, live' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Watch the recording/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'SSH and debugging access' })).toBeVisible();
  });
});

import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { feedbackReady, pageReady, signInAs, visit } from './helpers';

// Each test files its own items (titles carry the test's uid) and never relies on another spec's data.

async function personPage(browser: Browser, name: string, returnTo = '/'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, name, returnTo);
  return page;
}

/** The digest's row for a session: its average (as shown, one decimal) and how many rated it; undefined when nobody has. */
async function ratingRow(row: Locator): Promise<{ average: number; count: number } | undefined> {
  if ((await row.count()) === 0) return undefined;
  const cells = await row.getByRole('cell').allInnerTexts();
  return { average: Number(cells.at(-2)), count: Number(cells.at(-1)) };
}

/** The shown average (rounded to one decimal) is `expected`; exact when nobody else rated, within rounding otherwise. */
function expectAverage(shown: number, expected: number, others: number) {
  if (others === 0) expect(shown).toBe(Math.round(expected * 10) / 10);
  else expect(Math.abs(shown - expected)).toBeLessThanOrEqual(0.1 + 1e-9);
}

test.describe('working-group feedback', () => {
  test('an engineer files feedback from an app page, the platform team triages and resolves it, the reporter sees the update', async ({ browser, uid }) => {
    // Two people and a dozen round trips: on a busy CI machine this story needs more than the default minute.
    test.setTimeout(150_000);
    const title = `Scheduler worker restarts every hour (${uid})`;
    const reporter = await personPage(browser, 'Dmitri Volkov', '/apps/scheduler');
    await reporter.goto('/apps/scheduler');
    await expect(reporter.getByRole('heading', { level: 1, name: 'scheduler' })).toBeVisible();
    await feedbackReady(reporter);

    // The header button opens the dialog, prefilled with the app this page is about.
    await reporter.getByRole('banner').getByRole('button', { name: 'Feedback' }).click();
    const dialog = reporter.getByRole('dialog', { name: 'Send feedback to the platform team' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('App', { exact: true })).toHaveValue('scheduler');
    await expect(dialog.getByRole('radio', { name: 'Problem with my app on GCP' })).toBeChecked();
    await expect(dialog.getByLabel('Title', { exact: true })).toBeFocused();

    // Empty fields are refused next to each field, before anything is sent.
    await dialog.getByRole('button', { name: 'Send feedback' }).click();
    await expect(dialog.getByText('Give it a short title.')).toBeVisible();
    await expect(dialog.getByText('Describe what happened or what is unclear.')).toBeVisible();
    await expect(dialog.getByText('Choose how bad it is: blocking, degraded or annoying.')).toBeVisible();

    await dialog.getByLabel('Environment', { exact: true }).selectOption('production');
    await dialog.getByRole('radio', { name: /Degraded/ }).check();
    await dialog.getByLabel('Title', { exact: true }).fill(title);
    await dialog
      .getByLabel('Description', { exact: true })
      .fill('On Aptible the worker ran for days.\n\n<script>window.__berthPwned = true</script>\n\n[the logs](javascript:window.__berthPwned=true)');
    await dialog.getByRole('checkbox', { name: /It worked on Aptible and is broken on GCP/ }).check();
    await dialog.getByRole('button', { name: 'Send feedback' }).click();

    const filed = dialog.getByRole('status');
    await expect(filed).toContainText('Thanks — it is filed as #');
    const id = Number((await filed.textContent())?.match(/#(\d+)/)?.[1]);
    expect(id).toBeGreaterThan(0);
    await dialog.getByRole('link', { name: `Open #${id}` }).click();
    await expect(reporter).toHaveURL(new RegExp(`/feedback/${id}$`));
    await expect(reporter.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const details = reporter.getByRole('region', { name: 'Details' });
    await expect(details.getByRole('link', { name: 'scheduler' })).toBeVisible();
    await expect(details).toContainText('production');
    await expect(details).toContainText('Worked there, broken on GCP');

    // The Markdown is shown, never run: the script is text and the javascript: link has no target.
    const description = reporter.getByRole('region', { name: 'Description' });
    await expect(description.getByText('<script>window.__berthPwned = true</script>')).toBeVisible();
    expect(await description.getByText('the logs').getAttribute('href')).toBeNull();
    expect(await reporter.evaluate(() => (window as unknown as { __berthPwned?: boolean }).__berthPwned)).toBeUndefined();
    await expect(reporter.getByRole('button', { name: /Me too/ })).toBeDisabled();

    // Priya, on the platform team, triages it, makes it a known issue, then resolves it with a note.
    const priya = await personPage(browser, 'Priya Raman', `/feedback/${id}`);
    await priya.goto('/feedback');
    await priya.getByRole('list', { name: 'Feedback', exact: true }).getByRole('link', { name: title }).click();
    await expect(priya.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await pageReady(priya);
    const triage = priya.getByRole('region', { name: 'Triage' });
    await triage.getByLabel('Status', { exact: true }).selectOption('triaged');
    await triage.getByRole('button', { name: 'Update status' }).click();
    const thread = priya.getByRole('list', { name: 'Thread' });
    await expect(thread).toContainText('changed the status from New to Triaged');
    await triage.getByLabel('Owner', { exact: true }).selectOption({ label: 'Priya Raman' });
    await triage.getByRole('button', { name: 'Save owner' }).click();
    await expect(thread).toContainText('assigned it to Priya Raman');
    await triage.getByRole('checkbox', { name: 'Known issue' }).check();
    await expect(thread).toContainText('marked it as a known issue');
    await triage.getByLabel('Link a fix').fill('javascript:alert(1)');
    await triage.getByRole('button', { name: 'Link' }).click();
    await expect(triage.getByText(/Use an https:\/\/ link, a commit sha/)).toBeVisible();
    await triage.getByLabel('Link a fix').fill('change:42');
    await triage.getByRole('button', { name: 'Link' }).click();
    await expect(thread).toContainText('linked change request 42');

    // While open, the known issue shows as a banner on the app's page.
    await priya.goto('/apps/scheduler');
    const banner = priya.getByRole('region', { name: 'Known issues' });
    await expect(banner.getByRole('link', { name: title })).toBeVisible();
    await banner.getByRole('link', { name: title }).click();
    await expect(priya.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await pageReady(priya);

    await triage.getByLabel('Status', { exact: true }).selectOption('resolved');
    await triage.getByLabel('Note for the reporter (optional)').fill("Raised the worker's memory limit in `values-production.yaml`: the OOM kills stopped.");
    await triage.getByRole('button', { name: 'Update status' }).click();
    await expect(thread).toContainText('changed the status from Triaged to Resolved');
    await expect(priya.getByRole('article', { name: 'Comment by Priya Raman' })).toContainText('the OOM kills stopped');
    await expect(priya.getByRole('list', { name: 'Status history' })).toContainText('Resolved');

    // Resolved: the banner is gone from the app page.
    await priya.goto('/apps/scheduler');
    await expect(priya.getByRole('heading', { level: 1, name: 'scheduler' })).toBeVisible();
    await expect(priya.getByRole('region', { name: 'Known issues' }).getByRole('link', { name: title })).toHaveCount(0);

    // The reporter sees it in the header and under My feedback.
    await reporter.goto('/apps');
    const badge = reporter.getByRole('banner').getByRole('link', { name: /My feedback, \d+ unread updates?/ });
    await expect(badge).toBeVisible();
    await badge.click();
    await expect(reporter.getByRole('heading', { level: 1, name: 'My feedback' })).toBeVisible();
    const mine = reporter.getByRole('list', { name: 'My closed feedback' }).getByRole('listitem').filter({ hasText: title });
    await expect(mine).toContainText('Resolved');
    await expect(mine).toContainText(/new updates?/);
    await mine.getByRole('link', { name: title }).click();
    await expect(reporter.getByRole('article', { name: 'Comment by Priya Raman' })).toContainText('the OOM kills stopped');
    await expect(reporter.getByRole('banner').getByRole('link', { name: 'My feedback', exact: true })).toBeVisible();
    await expect(reporter.getByText('This feedback has been triaged; add a comment instead.')).toBeVisible();

    // The board's CSV has it, with formula-looking cells defused.
    const csv = await reporter.request.get('/api/feedback/export.csv?status=all');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(title);
  });

  test('the Shift+F shortcut opens the form, but not while typing; an app that does not exist is refused', async ({ page, uid }) => {
    await signInAs(page, 'Ana Souza', '/apps');
    await page.goto('/apps');
    // Typed once Shift+F works, so that the dialog staying shut means something.
    await feedbackReady(page);
    const search = page.getByRole('searchbox', { name: 'Search apps' });
    await search.click();
    await page.keyboard.type('For');
    await expect(search).toHaveValue('For');
    const dialog = page.getByRole('dialog', { name: 'Send feedback to the platform team' });
    await expect(dialog).toBeHidden();

    await page.goto('/apps/no-such-app');
    await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
    await feedbackReady(page);
    await page.locator('body').press('Shift+F');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('App', { exact: true })).toHaveValue('no-such-app');
    await dialog.getByRole('radio', { name: 'Configuration question' }).check();
    await dialog.getByLabel('Title', { exact: true }).fill(`Where did this app go? (${uid})`);
    await dialog.getByLabel('Description', { exact: true }).fill('The link in our runbook 404s.');
    await dialog.getByRole('button', { name: 'Send feedback' }).click();
    await expect(dialog.getByText('There is no app called no-such-app. Choose one from the list, or none.')).toBeVisible();

    // Escape closes the dialog; the draft is still there when it opens again.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByRole('banner').getByRole('button', { name: 'Feedback' }).click();
    await expect(dialog.getByLabel('Title', { exact: true })).toHaveValue(`Where did this app go? (${uid})`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('a session rating appears in the digest, and rating again changes it', async ({ page, newPerson, uid }) => {
    // The digest's count for a session is everyone's: `--repeat-each` runs this test's repeats side by
    // side, so each repeat rates a session of its own and the count stays exact.
    const [sessionTitle, sessionId] = [
      ['Debugging a broken deploy, live', '2026-11-19-debugging-a-broken-deploy'],
      ['Logs, health checks and scaling', '2026-11-12-logs-health-checks-scaling'],
    ][test.info().repeatEachIndex % 2];
    const sessionPage = `/feedback/sessions/${sessionId}`;
    // A person of its own (one rating per person per session), and the session's ratings by others
    // as they stand before: the digest's row counts everyone's, this test's rating is one more.
    const rater = await newPerson({ team: 'patient-experience' });
    await signInAs(page, rater.name, '/feedback/digest');
    const ratings = page.getByRole('region', { name: 'Session ratings over time' });
    const row = ratings.getByRole('row').filter({ hasText: sessionTitle });
    const mine = ratings.getByRole('listitem').filter({ hasText: `${sessionTitle} · ` }).filter({ hasText: `from ${rater.name}` });
    await expect(page.getByRole('heading', { level: 1, name: 'Weekly feedback digest' })).toBeVisible();
    const before = await ratingRow(row);

    await visit(page, sessionPage);
    await expect(page.getByRole('heading', { level: 1, name: `Feedback: ${sessionTitle}` })).toBeVisible();
    const form = page.getByRole('form', { name: 'Rate this session' });
    await form.getByRole('button', { name: 'Send my feedback' }).click();
    await expect(form.getByText('Pick a rating from 1 to 5.')).toBeVisible();
    await form.getByRole('radio', { name: '4 Very useful' }).check();
    await form.getByLabel('What was not clear?').fill(`Reading previous container logs (${uid})`);
    await form.getByLabel('What should a next session cover?').fill('Cloud SQL proxy');
    await form.getByRole('button', { name: 'Send my feedback' }).click();
    await expect(form.getByRole('status')).toHaveText('Thanks — your rating is saved.');

    await page.goto('/feedback/digest');
    await expect(page.getByRole('heading', { level: 1, name: 'Weekly feedback digest' })).toBeVisible();
    await expect(page.getByLabel('Since', { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await expect(ratings.getByRole('img', { name: new RegExp(`${sessionTitle}`) })).toBeVisible();
    if (!before) await expect(row).toContainText('4.0');
    const rated = await ratingRow(row);
    expect(rated?.count).toBe((before?.count ?? 0) + 1);
    expectAverage(rated!.average, before ? (before.average * before.count + 4) / rated!.count : 4, before?.count ?? 0);
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(`${sessionTitle} · 4 / 5 from ${rater.name}`);
    await expect(ratings.getByText(`Reading previous container logs (${uid})`)).toBeVisible();

    // One rating per person: changing it replaces it.
    await visit(page, sessionPage);
    await expect(page.getByText('You rated it 4 / 5.')).toBeVisible();
    await form.getByRole('radio', { name: '2 Somewhat useful' }).check();
    await form.getByRole('button', { name: 'Update my feedback' }).click();
    await expect(form.getByRole('status')).toHaveText('Your feedback is updated.');
    await page.goto('/feedback/digest');
    if (!before) await expect(row).toContainText('2.0');
    await expect(row.getByRole('cell').last()).toHaveText(String(rated!.count));
    expectAverage((await ratingRow(row))!.average, rated!.average - 2 / rated!.count, before?.count ?? 0);
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(`${sessionTitle} · 2 / 5 from ${rater.name}`);
  });
});

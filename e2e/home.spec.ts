// The personal home: a signed-in person lands on their team's apps, the reviews waiting for them
// and their requests; an author is told of a decision wherever they are, until they have seen it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pageReady, signInAs, visit } from './helpers';

async function requestProductionChange(page: Page, app: string, title: string): Promise<{ id: number; diffHash: string }> {
  const current = await (await page.request.get(`/api/apps/${app}/values/values-production.yaml`)).json();
  const opened = await page.request.post('/api/changes', {
    data: { app, file: 'values-production.yaml', text: `${current.text}# ${title}\n`, baseRevision: current.revision, message: title },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  return (await opened.json()) as { id: number; diffHash: string };
}

test.describe('home', () => {
  test('signed out: the introduction, not anyone’s work', async ({ page }) => {
    await visit(page, '/');
    await expect(page.getByRole('heading', { level: 1, name: /Your apps on GKE/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Waiting for your review' })).toHaveCount(0);
  });

  test('a reviewer sees the review waiting (and its count in the navigation); the author is told of the decision on every page until seen', async ({ page, browser, appCopy, newPerson, uid }) => {
    const portal = await appCopy('patient-portal');
    const author = await newPerson({ team: 'patient-experience' });
    const reviewer = await newPerson({ team: 'patient-experience' });
    const title = `Four web pods for the flu clinics (${uid})`;

    // The author's home: the team's apps with each environment's health, and the request once made.
    await signInAs(page, author.name, '/');
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${author.name.split(' ')[0]}` })).toBeVisible();
    const apps = page.getByRole('list', { name: "Your team's apps" });
    const copyRow = apps.getByRole('listitem').filter({ has: page.getByRole('link', { name: portal.name, exact: true }) });
    await expect(copyRow.getByRole('list', { name: `${portal.name} per environment` }).getByRole('listitem')).toHaveCount(2);
    await expect(copyRow.locator('[data-environment="stage"]')).toContainText(/Stage/i);
    const change = await requestProductionChange(page, portal.name, title);
    await visit(page, '/');
    await expect(page.getByRole('list', { name: 'Your open requests' }).getByRole('listitem').filter({ hasText: title })).toContainText('waiting for review');

    // The reviewer: the request waits on their home, and the navigation counts it.
    const reviewerContext = await browser.newContext();
    const reviewerPage = await reviewerContext.newPage();
    await signInAs(reviewerPage, reviewer.name, '/');
    await expect(reviewerPage.getByRole('list', { name: 'Waiting for your review' }).getByRole('link', { name: title })).toBeVisible();
    const changesLink = reviewerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Changes \(\d+ reviews? waits? for you\)$/ });
    await expect(changesLink).toBeVisible();
    const waiting = Number(await changesLink.getByTestId('reviews-waiting').textContent());
    expect(waiting).toBeGreaterThanOrEqual(1);
    const approved = await reviewerPage.request.post(`/api/changes/${change.id}/approve`, { data: { diffHash: change.diffHash, comment: `Fine for the clinics (${uid})` } });
    expect(approved.status(), await approved.text()).toBe(200);
    // Approved: it no longer waits for anyone.
    await visit(reviewerPage, '/');
    await expect(reviewerPage.getByRole('list', { name: 'Waiting for your review' }).getByRole('link', { name: title })).toHaveCount(0);
    await reviewerContext.close();

    // The author, on another page of Berth, is told without asking (the header polls; a reload shows it at once).
    await visit(page, '/apps');
    const notice = page.getByRole('banner').getByTestId('decision-notice');
    await expect(notice).toHaveText(`${portal.name}: your request was approved and merged`);
    await visit(page, '/guides');
    await expect(notice).toBeVisible();
    await visit(page, '/');
    const decided = page.getByRole('region', { name: /Decided since you last looked/ });
    await expect(decided.getByRole('listitem').filter({ hasText: title })).toContainText(`approved and merged by ${reviewer.name}`);
    await expect(page.getByRole('list', { name: 'Your open requests' }).getByRole('listitem').filter({ hasText: title })).toHaveCount(0);

    // Seen: gone from the header everywhere, and stays gone after a reload.
    await decided.getByRole('button', { name: 'Got it' }).click();
    await expect(notice).toHaveCount(0);
    await expect(decided).toHaveCount(0);
    await page.reload();
    await pageReady(page);
    await expect(page.getByRole('banner').getByTestId('decision-notice')).toHaveCount(0);
  });

  test('opening the request is seeing the decision', async ({ page, browser, appCopy, newPerson, uid }) => {
    const portal = await appCopy('patient-portal');
    const author = await newPerson({ team: 'patient-experience' });
    const reviewer = await newPerson({ team: 'patient-experience' });
    const title = `Drop the worker to one pod (${uid})`;
    await signInAs(page, author.name, '/');
    const change = await requestProductionChange(page, portal.name, title);

    const reviewerContext = await browser.newContext();
    const reviewerPage = await reviewerContext.newPage();
    await signInAs(reviewerPage, reviewer.name, '/');
    const rejected = await reviewerPage.request.post(`/api/changes/${change.id}/reject`, { data: { comment: `Reminders need two (${uid})` } });
    expect(rejected.status(), await rejected.text()).toBe(200);
    await reviewerContext.close();

    await visit(page, '/feedback');
    const notice = page.getByRole('banner').getByTestId('decision-notice');
    await expect(notice).toHaveText(`${portal.name}: your request was rejected`);
    await notice.click();
    await pageReady(page);
    await expect(page).toHaveURL(new RegExp(`/changes/${change.id}$`));
    await expect(page.getByRole('banner').getByTestId('decision-notice')).toHaveCount(0);
    await visit(page, '/');
    await expect(page.getByRole('region', { name: /Decided since you last looked/ })).toHaveCount(0);
  });
});

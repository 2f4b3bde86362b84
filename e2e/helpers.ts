import { expect, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { repoAtHead } from './fixtures/config-repo';

/**
 * Waits until the page's scripts have hydrated it. The header's search button announces its
 * shortcut (aria-keyshortcuts) only once its listener is attached, and the header hydrates with
 * everything rendered alongside it: from then on clicks, typing and shortcuts reach React. A key
 * pressed or a control used before that is lost (or, for a "nothing happens" check, proves nothing).
 */
export async function pageReady(page: Page) {
  await expect(page.getByRole('banner').getByRole('button', { name: 'Search' })).toHaveAttribute('aria-keyshortcuts', '/ Control+K');
}

/** Waits until Shift+F and the header's Feedback button work (signed-in pages). */
export async function feedbackReady(page: Page) {
  await expect(page.getByRole('banner').getByRole('button', { name: 'Feedback' })).toHaveAttribute('aria-keyshortcuts', 'Shift+F');
}

/** Loads a page and waits until it is interactive (see pageReady). */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await pageReady(page);
}

/** The email teams.yaml lists for a person (a sample person or one a test added), by name. */
function emailOf(name: string): string {
  const teams = parse(repoAtHead().read('teams.yaml') ?? '') as { teams?: { members?: { name?: string; email?: string }[] }[] } | null;
  const email = teams?.teams?.flatMap((team) => team.members ?? []).find((member) => member.name === name)?.email;
  if (!email) throw new Error(`teams.yaml lists no one called ${name}`);
  return email;
}

/**
 * Demo sign-in as one of the sample people, then the page at `returnTo`, waiting for the header to
 * show them and the page to be interactive. It signs in through next-auth's own endpoints (the
 * CSRF token, then the demo provider's callback, which sets the session cookie in this page's
 * context), as the sign-in page's buttons do, without loading that page each time: the buttons
 * themselves are tested in apps.spec.ts.
 */
export async function signInAs(page: Page, name: string, returnTo = '/') {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const answer = await page.request.post('/api/auth/callback/dev', { form: { csrfToken, email: emailOf(name), callbackUrl: returnTo, json: 'true' } });
  // next-auth answers a refused sign-in with 200 too, pointing at the sign-in page with an error.
  expect(answer.status(), `signing in as ${name}`).toBe(200);
  expect(((await answer.json()) as { url?: string }).url ?? '', `signing in as ${name}`).not.toMatch(/[?&]error=/);
  await page.goto(returnTo);
  await expect(page.getByRole('banner').getByText(name, { exact: true })).toBeVisible();
  await pageReady(page);
}

import { expect, type Page } from '@playwright/test';

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

/** Demo sign-in as one of the sample people, waiting for the header to show them and the page to be interactive. */
export async function signInAs(page: Page, name: string, returnTo = '/') {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await pageReady(page);
  await page.getByRole('button', { name: new RegExp(`Sign in as ${name}`) }).click();
  await expect(page.getByRole('banner').getByText(name, { exact: true })).toBeVisible();
  await pageReady(page);
}

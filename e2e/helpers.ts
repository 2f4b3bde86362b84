import { expect, type Page } from '@playwright/test';

/** Demo sign-in as one of the sample people, waiting for the header to show them. */
export async function signInAs(page: Page, name: string, returnTo = '/') {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name: new RegExp(`Sign in as ${name}`) }).click();
  await expect(page.getByRole('banner').getByText(name, { exact: true })).toBeVisible();
}

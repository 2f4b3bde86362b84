// The cutover ladder in the browser: on its own copy of provider-api (mid-cutover, with its own
// route in the sandbox's edge Envoy), one engineer asks for a 5 % step, a teammate approves it,
// Berth runs the window (one minute of sandbox time: a few seconds at the e2e server's 20×) and
// sets GKE's share back to 0 — and both sides' numbers are on the page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { signInAs } from './helpers';

interface CutoverAnswer {
  envoy: { share: number | null } | { error: string } | null;
}

test('a 5 % step runs for its window and comes back with both sides’ numbers', async ({ page, appCopy, uid }) => {
  const api = await appCopy('provider-api');
  const path = `/apps/${api.name}/migration`;
  await signInAs(page, 'Dmitri Volkov', path);
  // The sandbox's edge Envoy picks up the copy's route from the config repository within a second or two.
  await expect
    .poll(async () => {
      const answer = (await (await page.request.get(`/api/apps/${api.name}/cutover`)).json()) as CutoverAnswer;
      return answer.envoy && 'share' in answer.envoy ? answer.envoy.share : null;
    })
    .toBe(25);
  await page.reload();

  const panel = page.locator('#cutover-panel');
  const form = panel.getByRole('form', { name: 'Ask for the next step' });
  await form.getByLabel('GKE’s share (%)').fill('5');
  await form.getByLabel('Window (minutes)').fill('1');
  await form.getByLabel('Why now').fill(`First step after the stage sign-off (${uid})`);
  await form.getByRole('button', { name: 'Ask for approval' }).click();
  const status = panel.getByTestId('cutover-status');
  await expect(status).toHaveText(/Waiting for a second person’s approval \(asked by Dmitri Volkov\)/);
  // The requester cannot approve their own step.
  await expect(panel.getByRole('button', { name: 'Approve and start' })).toHaveCount(0);

  await signInAs(page, 'Esther Adeyemi', path);
  await panel.getByRole('button', { name: 'Approve and start' }).click();
  await expect(panel.getByRole('status')).toHaveText('Approved: GKE is at 5 %.');
  // The panel follows the window by itself until Berth sets the share back to 0.
  await expect(status).toHaveText(/The window ran its full length; GKE’s share is back to 0\./, { timeout: 45_000 });
  await expect(panel.getByTestId('envoy-share')).toHaveText('0 %');

  const numbers = panel.getByTestId('cutover-numbers');
  const requests = numbers.getByRole('row', { name: /^Requests/ }).getByRole('cell');
  await expect(requests).toHaveCount(2);
  const [aptible, gke] = (await requests.allTextContents()).map(Number);
  expect(aptible).toBeGreaterThan(0);
  expect(gke).toBeGreaterThan(0);
  expect(aptible).toBeGreaterThan(gke);
  await expect(numbers.getByRole('row', { name: /^p95 latency/ }).getByRole('cell').first()).toHaveText(/\d+(\.\d)? ms/);
  await expect(numbers.getByRole('row', { name: /^p95 latency/ }).getByRole('cell').last()).toHaveText(/\d+(\.\d)? ms/);
  await expect(panel.getByRole('img', { name: /5xx rate per snapshot interval/ })).toBeVisible();
  await expect(panel.getByRole('img', { name: /p95 latency per snapshot interval/ })).toBeVisible();

  const log = panel.getByRole('region', { name: 'Step log' });
  await expect(log.getByText(/Berth completed/)).toBeVisible();
  await expect(log.getByText(/Esther Adeyemi approved/)).toBeVisible();
  await expect(log.getByText(`First step after the stage sign-off (${uid})`)).toBeVisible();

  // The panel with its numbers, charts and log: no serious WCAG A/AA violation, and no sideways
  // scroll on a 390 px phone.
  const axe = await new AxeBuilder({ page }).include('#cutover-panel').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(numbers).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});

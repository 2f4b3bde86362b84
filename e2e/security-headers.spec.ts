import { expect, test } from './fixtures';
import { signInAs } from './helpers';

// The headers a healthcare app owes (lib/http/security-headers.ts), as the browser receives them.
// That the app works under the policy is every spec's business: the fixture fails a test on any
// CSP violation.

test('pages carry a nonce-based CSP their own scripts use; answers with data are never stored; HSTS only over https', async ({ page }) => {
  await signInAs(page, 'Ana Souza', '/apps');
  const response = await page.goto('/apps');
  const headers = response!.headers();
  const policy = headers['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' });
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['strict-transport-security']).toBeUndefined();
  // Every script the server sent carries this request's nonce, and a reload gets a new one.
  // (Chunks the page loads later are inserted by those scripts and trusted through
  // 'strict-dynamic'; whether one is already in the DOM depends on timing, so the HTML is read.)
  const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(new Set(tags.map((tag) => /\snonce="([^"]*)"/.exec(tag)?.[1] ?? '(none)'))).toEqual(new Set([nonce]));
  const again = (await page.reload())!.headers()['content-security-policy'];
  expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);

  // Behind IAP and the load balancer (x-forwarded-proto: https): HSTS.
  const overHttps = await page.request.get('/apps', { headers: { 'x-forwarded-proto': 'https' } });
  expect(overHttps.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');

  for (const path of ['/api/apps/patient-portal', '/api/apps/patient-portal/status?env=stage', '/api/log-access/notices', '/api/feedback/unread', '/api/log-streams', '/api/readyz', '/api/healthz']) {
    const answer = await page.request.get(path);
    expect(answer.headers()['cache-control'], path).toContain('no-store');
    expect(answer.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  // Built assets get the static headers too.
  const script = await page.locator('script[src]').first().getAttribute('src');
  expect((await page.request.get(script!)).headers()['x-content-type-options']).toBe('nosniff');
});

import { expect, test } from './fixtures';
import { signInAs } from './helpers';

// At a phone's width (390 px) no main page scrolls sideways: wide tables and code scroll inside
// their own box, the header wraps. The editor's inputs stay inside their card.

test.describe('phone width', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no main page scrolls sideways at 390 px', async ({ page, appCopy, uid }) => {
    test.setTimeout(180_000);
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', '/');
    // A change request of our own to look at.
    const file = await (await page.request.get(`/api/apps/${portal.name}/values/values-production.yaml`)).json();
    const opened = await page.request.post('/api/changes', {
      data: { app: portal.name, file: 'values-production.yaml', text: `${file.text}# phone width ${uid}\n`, baseRevision: file.revision, message: `Phone width ${uid}` },
    });
    expect(opened.status()).toBe(201);
    const change = (await opened.json()) as { id: number };

    const pages = [
      '/',
      '/apps',
      `/apps/${portal.name}`,
      `/apps/${portal.name}/values/stage`,
      `/apps/${portal.name}/values/production`,
      `/changes/${change.id}`,
      '/changes',
      `/apps/${portal.name}/logs`,
      `/apps/${portal.name}/history`,
      '/guides',
      '/guides/welcome',
      '/concepts',
      '/commands',
      '/feedback',
      '/log-access',
      '/teams',
      '/migration',
      `/apps/${portal.name}/migration`,
    ];
    const sideways: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole('main').getByRole('heading', { level: 1 }).first()).toBeVisible();
      if (path.includes('/values/')) await expect(page.getByLabel('Pods of web')).toBeVisible();
      const width = await page.evaluate(() => {
        const root = document.documentElement;
        const client = root.clientWidth;
        // On failure, name the element that widens the page: the child whose hiding ends it, level by level.
        const culprit: string[] = [];
        for (let node: Element = document.body; root.scrollWidth > client && culprit.length < 12; ) {
          const child = [...node.children].find((c) => {
            const el = c as HTMLElement;
            const display = el.style.display;
            el.style.display = 'none';
            const fits = root.scrollWidth <= client;
            el.style.display = display;
            return fits;
          });
          if (!child) break;
          culprit.push(`${child.tagName.toLowerCase()}.${String(child.getAttribute('class') ?? '').split(' ').slice(0, 3).join('.')}`);
          node = child;
        }
        return { scroll: root.scrollWidth, client, culprit: culprit.join(' > ') };
      });
      if (width.scroll !== width.client) sideways.push(`${path}: ${width.scroll} px wide in ${width.client} (${width.culprit})`);
    }
    expect(sideways).toEqual([]);
  });

  test('the editor’s inputs stay inside their card', async ({ page, appCopy }) => {
    const portal = await appCopy('patient-portal');
    await signInAs(page, 'Ana Souza', `/apps/${portal.name}/values/stage`);
    await expect(page.getByLabel('Pods of web')).toBeVisible();
    const outside = await page.evaluate(() => {
      const card = document.querySelector('[role="tabpanel"]')!.getBoundingClientRect();
      return [...document.querySelectorAll('[role="tabpanel"] input, [role="tabpanel"] button')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.left < card.left - 0.5 || box.right > card.right + 0.5))
        .map(({ el, box }) => `${el.getAttribute('aria-label') ?? el.textContent}: ${Math.round(box.left)}–${Math.round(box.right)} outside ${Math.round(card.left)}–${Math.round(card.right)}`);
    });
    expect(outside).toEqual([]);
  });
});

import type { Element, Root } from 'hast';
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

import { extractHeadings } from './heading-id';
import { getGuide, listGuideSlugs } from './load-guides';
import { renderGuideMarkdown } from './render-markdown';

async function html(markdown: string): Promise<string> {
  const tree = await renderGuideMarkdown(markdown);
  return renderToStaticMarkup(toJsxRuntime(tree, { Fragment, jsx, jsxs }));
}

function headingIds(tree: Root): string[] {
  const ids: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (/^h[1-6]$/.test(node.tagName)) ids.push(String(node.properties.id));
  });
  return ids;
}

describe('renderGuideMarkdown', () => {
  it('gives headings the ids createHeadingSlugger gives them, duplicates and inline markup included', async () => {
    const markdown = [
      '## Why `exec`?',
      '### The [docs](https://kubernetes.io) say *so*',
      '## Why `exec`?',
      '```bash',
      '# not a heading',
      '```',
      '## Quick reference',
    ].join('\n\n');
    const tree = await renderGuideMarkdown(markdown);
    expect(headingIds(tree)).toEqual(extractHeadings(markdown).map((h) => h.id));
    expect(headingIds(tree)).toEqual(['why-exec', 'the-docs-say-so', 'why-exec-1', 'quick-reference']);
  });

  it.each(listGuideSlugs())('renders the ids the loader lists for guide %s', async (slug) => {
    const guide = getGuide(slug);
    expect(guide).not.toBeNull();
    const tree = await renderGuideMarkdown(guide!.body);
    const rendered = headingIds(tree);
    // The loader lists depth ≥ 2; the rendered page has exactly those (guides carry no # heading).
    expect(rendered).toEqual(guide!.headings.map((h) => h.id));
  });

  it('links each heading to itself; a heading holding a link gets a separate anchor', async () => {
    const out = await html('## Probes: three questions\n\n## See [the docs](https://kubernetes.io)');
    expect(out).toContain('<h2 id="probes-three-questions"><a href="#probes-three-questions" class="heading-link">Probes: three questions</a></h2>');
    expect(out).toContain('<a href="#see-the-docs" class="heading-anchor" aria-label="Link to the section “See the docs”">#</a>');
  });

  it('renders GFM tables inside a focusable scroll box, with column alignment', async () => {
    const out = await html('| Exit code | Usually |\n|---|:---:|\n| 137 | `OOMKilled` |');
    expect(out).toContain('<div class="table-scroll" tabindex="0" role="group" aria-label="Table"><table>');
    expect(out).toContain('<th>Exit code</th>');
    expect(out).toContain('<td style="text-align:center"><code>OOMKilled</code></td>');
  });

  it('turns Note, Warning and PHI blockquotes into callouts and leaves other quotes alone', async () => {
    const out = await html(
      ['> **Note:** A note.', '> **Warning:** Careful.', '> **PHI:** No patient data in logs.', '> Just a quote, **Note:** not first.'].join('\n\n'),
    );
    expect(out).toContain('<div role="note" class="callout callout-note" data-callout="note">\n<p><strong class="callout-label">Note:</strong> A note.</p>\n</div>');
    expect(out).toContain('<div role="note" class="callout callout-warning" data-callout="warning">');
    expect(out).toContain('<div role="note" class="callout callout-phi" data-callout="phi">\n<p><strong class="callout-label">PHI:</strong> No patient data in logs.</p>');
    expect(out).toContain('<blockquote>\n<p>Just a quote, <strong>Note:</strong> not first.</p>\n</blockquote>');
  });

  it('highlights fenced code on the server with shiki, falling back to plain text for unknown languages', async () => {
    const out = await html('```yaml\nreplicas: 3\n```\n\n```klingon\nqapla\n```');
    expect(out).toContain('<div data-code-block="" data-language="yaml"><pre class="shiki github-light"');
    expect(out).toMatch(/<span style="color:#[0-9A-F]{6}">replicas<\/span>/i);
    expect(out).toContain('data-language="text"');
    expect(out).toContain('qapla');
    expect(out).toContain('class="code-block"');
  });

  it('never lets raw HTML, scripts, event handlers or javascript: links through', async () => {
    const out = await html(
      [
        '<script>alert(1)</script>',
        '<img src=x onerror="alert(2)">',
        'Inline <b onclick="alert(3)">bold</b> and <iframe src="https://evil.example"></iframe>.',
        '[click](javascript:alert(4)) and [data](data:text/html,<script>alert(5)</script>)',
        '<div id="main">clobber</div>',
        '## <span onmouseover="alert(6)">Heading</span>',
      ].join('\n\n'),
    );
    expect(out).not.toMatch(/<script|<img|<iframe|<b |onclick|onerror|onmouseover|javascript:|data:text|id="main"/i);
    expect(out).not.toContain('alert(1)');
    expect(out).toContain('<a>click</a>');
  });

  it('marks links that leave Berth and keeps internal ones as they are', async () => {
    const out = await html('[kubectl](https://kubernetes.io/docs/) and [health checks](/guides/health-checks#probes-three-questions)');
    expect(out).toContain('<a href="https://kubernetes.io/docs/" rel="noreferrer">kubectl</a>');
    expect(out).toContain('<a href="/guides/health-checks#probes-three-questions">health checks</a>');
  });
});

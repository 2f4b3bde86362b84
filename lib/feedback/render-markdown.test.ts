import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, safeHref } from './render-markdown';

const html = (markdown: string) => renderToStaticMarkup(renderMarkdown(markdown));

describe('renderMarkdown', () => {
  it('renders ordinary Markdown: emphasis, lists, code and safe links', () => {
    const out = html('**Pods** restart after `kubectl rollout`:\n\n- stage\n- [runbook](https://wiki.example/runbook)\n- [guide](/guides/logs)\n- [mail](mailto:platform@meridiancare.example)');
    expect(out).toContain('<strong>Pods</strong>');
    expect(out).toContain('<code>kubectl rollout</code>');
    expect(out).toContain('<a href="https://wiki.example/runbook" rel="nofollow noreferrer">runbook</a>');
    expect(out).toContain('<a href="/guides/logs" rel="nofollow noreferrer">guide</a>');
    expect(out).toContain('href="mailto:platform@meridiancare.example"');
  });

  it.each([
    ['a script block', '<script>alert(1)</script>'],
    ['inline script', 'before <script>alert(document.cookie)</script> after'],
    ['an img with onerror', '<img src=x onerror="alert(1)">'],
    ['an svg with onload', '<svg onload=alert(1)></svg>'],
    ['an iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ])('shows %s as text, never as markup', (_name, markdown) => {
    const out = html(markdown);
    expect(out).not.toMatch(/<script|<img|<svg|<iframe/i);
    // No event-handler attribute on any real tag (the escaped text may still say "onerror").
    expect(out).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    // The text is still there for the reader, escaped.
    expect(out).toContain('&lt;');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['java&#x09;script:alert(1)'],
    ['jav&#x0A;ascript:alert(1)'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:msgbox(1)'],
  ])('drops the target of a %s link', (target) => {
    const out = html(`[click me](${target}) and <${target}>`);
    // Both links lose their target; the autolink's text stays visible as plain text.
    expect(out).not.toContain('href=');
    expect(out).toContain('<a>click me</a>');
  });

  it('turns images into links so nobody\'s browser fetches a third-party pixel', () => {
    const out = html('![diagram](https://tracker.example/p.gif) ![x](javascript:alert(1))');
    expect(out).not.toContain('<img');
    expect(out).toContain('<a href="https://tracker.example/p.gif" rel="nofollow noreferrer">[image: diagram]</a>');
    expect(out).not.toContain('javascript:');
  });

  it('demotes headings below the page\'s own', () => {
    expect(html('# Big\n\n###### Small')).toBe('<h3>Big</h3>\n<h6>Small</h6>');
  });

  it('keeps relative, fragment, http(s) and mailto targets only', () => {
    expect(safeHref('/feedback/1')).toBe('/feedback/1');
    expect(safeHref('#step-2')).toBe('#step-2');
    expect(safeHref('docs/a:b')).toBe('docs/a:b');
    expect(safeHref('HTTPS://x.example')).toBe('HTTPS://x.example');
    expect(safeHref(' javascript:alert(1)')).toBeNull();
    expect(safeHref('\u0001javascript:alert(1)')).toBeNull();
    expect(safeHref('file:///etc/passwd')).toBeNull();
  });
});

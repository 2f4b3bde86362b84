// Feedback text is Markdown written by anyone in the company: render it so it can never run
// script. Raw HTML is shown as code (never parsed), links keep only http(s), mailto and relative
// targets, images become plain links (no third-party requests from someone's screen), headings
// are demoted below the page's own, and the result is React elements (no innerHTML anywhere).
// Pure: server components call it, and so do the tests.
import type { Element, Root as HastRoot } from 'hast';
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import type { Root as MdastRoot, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { visit } from 'unist-util-visit';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** The href to keep, or null for anything that could run code (javascript:, data:, vbscript:…). */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const colon = url.indexOf(':');
  const firstBoundary = url.search(/[/?#]/);
  if (colon === -1 || (firstBoundary !== -1 && firstBoundary < colon)) return url;
  return SAFE_SCHEMES.has(url.slice(0, colon).toLowerCase()) ? url : null;
}

function htmlAsCode(tree: MdastRoot): void {
  visit(tree, 'html', (node, index, parent) => {
    if (!parent || index === undefined) return;
    const flow = parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem';
    const replacement: RootContent = flow ? { type: 'code', value: node.value } : { type: 'inlineCode', value: node.value };
    parent.children.splice(index, 1, replacement as never);
  });
}

const HEADING = /^h([1-6])$/;

function sanitize(tree: HastRoot): void {
  visit(tree, 'element', (node: Element) => {
    for (const key of Object.keys(node.properties)) {
      if (/^on/i.test(key) || key === 'style') delete node.properties[key];
    }
    const heading = HEADING.exec(node.tagName);
    if (heading) node.tagName = `h${Math.min(6, Number(heading[1]) + 2)}`;
    if (node.tagName === 'img') {
      const src = typeof node.properties.src === 'string' ? safeHref(node.properties.src) : null;
      const alt = typeof node.properties.alt === 'string' && node.properties.alt ? node.properties.alt : 'image';
      node.tagName = 'a';
      node.properties = src ? { href: src } : {};
      node.children = [{ type: 'text', value: `[image: ${alt}]` }];
    }
    if (node.tagName === 'a') {
      const href = typeof node.properties.href === 'string' ? safeHref(node.properties.href) : null;
      if (href) node.properties = { href, rel: ['nofollow', 'noreferrer'] };
      else node.properties = {};
    }
  });
}

export function renderMarkdown(markdown: string): ReactNode {
  const mdast = fromMarkdown(markdown);
  htmlAsCode(mdast);
  // allowDangerousHtml stays off: any raw node left would be dropped, not rendered.
  const hast = toHast(mdast) as HastRoot;
  sanitize(hast);
  return toJsxRuntime(hast, { Fragment, jsx, jsxs, passKeys: true });
}

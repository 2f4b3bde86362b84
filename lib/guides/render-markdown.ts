import 'server-only';

import type { Element, ElementContent, Root } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { bundledLanguages, codeToHast } from 'shiki';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

import { createHeadingSlugger } from './heading-id';

// Guides are plain Markdown (GFM) rendered on the server into a hast tree that a component turns
// into React elements: no highlighter, parser or HTML string ever reaches the browser.
//
// Order matters. Raw HTML is never parsed (remark-rehype without allowDangerousHtml drops it) and
// the tree is sanitized first; only then do the trusted steps below add what the page needs —
// heading ids (the same slugger as the loader's table of contents), anchor links, callout boxes,
// scrollable table wrappers and shiki's highlighted code — none of which copy attributes from
// the Markdown, so sanitizing after them would only have to re-allow their own output.

/** GitHub's schema, minus the `user-content-` id prefix: Markdown has no raw HTML to clobber with here. */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-[\w+#-]+$/]],
  },
};

export const calloutKinds = ['note', 'warning', 'phi'] as const;
export type CalloutKind = (typeof calloutKinds)[number];

const CALLOUT_LABEL = /^(Note|Warning|PHI):?$/;
const HEADING = /^h([1-6])$/;
const SHELL_ALIASES: Record<string, string> = { sh: 'bash', shell: 'bash', console: 'bash', yml: 'yaml' };

function classList(node: Element): string[] {
  const value: unknown = node.properties.className;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/\s+/) : [];
}

/** Heading ids exactly as `extractHeadings` numbers them: one slugger, every heading, in order. */
function addHeadingIds(tree: Root): void {
  const slugger = createHeadingSlugger();
  visit(tree, 'element', (node) => {
    if (!HEADING.test(node.tagName)) return;
    node.properties.id = slugger.slug(hastToString(node).replace(/\s+/g, ' ').trim());
    return SKIP;
  });
}

/**
 * `## Title` → `<h2 id><a href="#id">Title</a></h2>`: the heading's own text is the link, so its
 * accessible name stays the title. A heading that already holds a link gets a separate "#" link.
 */
function addHeadingAnchors(tree: Root): void {
  visit(tree, 'element', (node) => {
    const depth = HEADING.exec(node.tagName);
    if (!depth || Number(depth[1]) < 2 || typeof node.properties.id !== 'string') return;
    const href = `#${node.properties.id}`;
    let hasLink = false;
    visit(node, 'element', (child) => {
      if (child.tagName === 'a') hasLink = true;
    });
    if (hasLink) {
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { href, className: ['heading-anchor'], ariaLabel: `Link to the section “${hastToString(node).trim()}”` },
        children: [{ type: 'text', value: '#' }],
      });
    } else {
      node.children = [{ type: 'element', tagName: 'a', properties: { href, className: ['heading-link'] }, children: node.children }];
    }
    return SKIP;
  });
}

/** `> **Warning:** …` → `<div role="note" data-callout="warning">`; other blockquotes stay quotes. */
function addCallouts(tree: Root): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'blockquote') return;
    const first = node.children.find((child): child is Element => child.type === 'element');
    const label = first?.tagName === 'p' ? first.children.find((child) => !(child.type === 'text' && child.value.trim() === '')) : undefined;
    if (!label || label.type !== 'element' || label.tagName !== 'strong') return;
    const match = CALLOUT_LABEL.exec(hastToString(label).trim());
    if (!match) return;
    const kind = match[1].toLowerCase() as CalloutKind;
    node.tagName = 'div';
    node.properties = { role: 'note', className: ['callout', `callout-${kind}`], dataCallout: kind };
    label.properties = { ...label.properties, className: ['callout-label'] };
  });
}

/** Wide tables scroll sideways inside their own box, which keyboard users can focus to scroll. */
function wrapTables(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return;
    const wrapper: Element = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['table-scroll'], tabIndex: 0, role: 'group', ariaLabel: 'Table' },
      children: [node],
    };
    parent.children[index] = wrapper;
    return SKIP;
  });
}

function codeLanguage(code: Element): string {
  const language = classList(code)
    .find((name) => name.startsWith('language-'))
    ?.slice('language-'.length)
    .toLowerCase();
  if (!language) return 'text';
  const resolved = SHELL_ALIASES[language] ?? language;
  return resolved in bundledLanguages ? resolved : 'text';
}

/** Fenced code → shiki's highlighted hast inside a `data-code-block` figure with its language. */
async function highlightCodeBlocks(tree: Root): Promise<void> {
  const blocks: { parent: { children: ElementContent[] }; index: number; code: Element; language: string }[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre' || !parent || index === undefined) return;
    const code = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    if (!code) return;
    // A <pre> sits in the root or an element; both take an element child in its place.
    blocks.push({ parent: parent as Element, index, code, language: codeLanguage(code) });
    return SKIP;
  });
  await Promise.all(
    blocks.map(async ({ parent, index, code, language }) => {
      const source = hastToString(code).replace(/\n$/, '');
      const highlighted = await codeToHast(source, { lang: language, theme: 'github-light' });
      const pre = highlighted.children.find((child): child is Element => child.type === 'element' && child.tagName === 'pre');
      if (!pre) return;
      // Shiki puts a tabindex on the <pre> for scrolling; keep it and mark the inner <code> as a block.
      for (const child of pre.children) {
        if (child.type === 'element' && child.tagName === 'code') child.properties.className = ['code-block'];
      }
      const figure: ElementContent = {
        type: 'element',
        tagName: 'div',
        properties: { dataCodeBlock: '', dataLanguage: language },
        children: [pre],
      };
      parent.children[index] = figure;
    }),
  );
}

/** Marks links that leave Berth, so the page can say so and not leak the referrer. */
function markExternalLinks(tree: Root): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
    if (/^https?:\/\//i.test(node.properties.href)) node.properties.rel = ['noreferrer'];
  });
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, sanitizeSchema);

/** A guide's Markdown body → a sanitized, highlighted hast tree with heading ids and anchors. */
export async function renderGuideMarkdown(markdown: string): Promise<Root> {
  const tree = (await processor.run(processor.parse(markdown))) as Root;
  addHeadingIds(tree);
  addHeadingAnchors(tree);
  addCallouts(tree);
  wrapTables(tree);
  markExternalLinks(tree);
  await highlightCodeBlocks(tree);
  return tree;
}

const rendered = new Map<string, Promise<Root>>();

/** Rendered once per body text per process (guides only change with a deploy). */
export function renderGuideMarkdownCached(markdown: string): Promise<Root> {
  let tree = rendered.get(markdown);
  if (!tree) {
    tree = renderGuideMarkdown(markdown);
    tree.catch(() => rendered.delete(markdown));
    rendered.set(markdown, tree);
  }
  return tree;
}

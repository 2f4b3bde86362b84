// Heading anchors for the guides. Isomorphic: the loader uses it to list a guide's headings, and
// the page's Markdown renderer must use the same slugger (one per document, fed every heading's
// plain text in document order) so `/guides/x#anchor` links and the table of contents agree.

/** GitHub-style: lowercase, punctuation dropped, spaces become hyphens ("Why `exec`?" → "why-exec"). */
export function slugifyHeading(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

export type HeadingSlugger = { slug(text: string): string };

/** Repeated headings get -1, -2 … suffixes, in document order, like github-slugger. */
export function createHeadingSlugger(): HeadingSlugger {
  const occurrences = new Map<string, number>();
  return {
    slug(text: string) {
      const base = slugifyHeading(text);
      let id = base;
      while (occurrences.has(id)) {
        const n = (occurrences.get(base) ?? 0) + 1;
        occurrences.set(base, n);
        id = `${base}-${n}`;
      }
      occurrences.set(id, 0);
      return id;
    },
  };
}

/**
 * The text a reader sees for a heading's inline Markdown: code spans keep their content, links
 * keep their label, emphasis markers and backslash escapes go.
 */
export function headingPlainText(inline: string): string {
  const parts: string[] = [];
  const codeSpan = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  let last = 0;
  for (let match = codeSpan.exec(inline); match; match = codeSpan.exec(inline)) {
    parts.push(stripInlineMarkup(inline.slice(last, match.index)));
    let code = match[2];
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
    parts.push(code);
    last = match.index + match[0].length;
  }
  parts.push(stripInlineMarkup(inline.slice(last)));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function stripInlineMarkup(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export type MarkdownHeading = { depth: number; text: string; id: string };

/**
 * Every ATX heading (`## Title`) outside fenced code, in order, with the id the renderer gives it.
 * Depth-1 headings are included so duplicate numbering matches the rendered page.
 */
export function extractHeadings(markdown: string): MarkdownHeading[] {
  const slugger = createHeadingSlugger();
  const headings: MarkdownHeading[] = [];
  let fence: string | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (!heading) continue;
    const textContent = headingPlainText(heading[2]);
    headings.push({ depth: heading[1].length, text: textContent, id: slugger.slug(textContent) });
  }
  return headings;
}

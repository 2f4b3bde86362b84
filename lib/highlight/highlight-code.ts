import 'server-only';
import { codeToHtml } from 'shiki';

/** Syntax-highlighted HTML for a code block, rendered on the server so no highlighter ships to the browser. */
export async function highlightCode(code: string, lang: 'yaml' | 'json' | 'bash' | 'sh' | 'shell' | 'ts' | 'text' | string): Promise<string> {
  try {
    return await codeToHtml(code, { lang, theme: 'github-light' });
  } catch {
    // An unknown language should never break a page: fall back to plain text.
    return codeToHtml(code, { lang: 'text', theme: 'github-light' });
  }
}

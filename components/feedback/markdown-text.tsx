import { renderMarkdown } from '@/lib/feedback/render-markdown';

// Rendered feedback Markdown with the few text styles it needs (no typography plugin here).
const markdownStyles = [
  'text-sm leading-6 text-slate-800 break-words',
  '[&_p]:my-2 [&>:first-child]:mt-0 [&>:last-child]:mb-0',
  '[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5',
  '[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em]',
  '[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100',
  '[&_pre_code]:bg-transparent [&_pre_code]:p-0',
  '[&_blockquote]:my-2 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600',
  '[&_h3]:mt-3 [&_h3]:font-semibold [&_h4]:mt-3 [&_h4]:font-semibold [&_h5]:mt-2 [&_h5]:font-medium [&_h6]:mt-2 [&_h6]:font-medium',
  '[&_hr]:my-3 [&_hr]:border-slate-200',
].join(' ');

export function MarkdownText({ text }: { text: string }) {
  return <div className={markdownStyles}>{renderMarkdown(text)}</div>;
}

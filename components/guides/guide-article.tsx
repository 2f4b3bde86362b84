import type { Root } from 'hast';
import { type Components, toJsxRuntime } from 'hast-util-to-jsx-runtime';
import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { CopyButton } from './copy-button';

// A rendered guide (see lib/guides/render-markdown.ts) as React elements, styled here. A server
// component: the only JavaScript it sends is the copy button.

function classOf(props: { className?: string }): string {
  return props.className ?? '';
}

type CalloutKind = 'note' | 'warning' | 'phi';

const callouts: Record<CalloutKind, { box: string; icon: ReactNode }> = {
  note: {
    box: 'border-sky-300 bg-sky-50 text-sky-950',
    icon: (
      <svg viewBox="0 0 20 20" className="h-5 w-5 text-sky-700" fill="currentColor">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 3.5a1.1 1.1 0 1 1 0 2.2 1.1 1.1 0 0 1 0-2.2ZM11.2 14.5H8.8v-1h.7V10h-.7V9h2.4v4.5h.7v1Z" />
      </svg>
    ),
  },
  warning: {
    box: 'border-amber-400 bg-amber-50 text-amber-950',
    icon: (
      <svg viewBox="0 0 20 20" className="h-5 w-5 text-amber-700" fill="currentColor">
        <path d="M9.1 2.6a1 1 0 0 1 1.8 0l7.3 13.3a1 1 0 0 1-.9 1.5H2.7a1 1 0 0 1-.9-1.5L9.1 2.6ZM9 7.5v4.5h2V7.5H9Zm1 5.5a1.1 1.1 0 1 0 0 2.2 1.1 1.1 0 0 0 0-2.2Z" />
      </svg>
    ),
  },
  phi: {
    box: 'border-red-400 bg-red-50 text-red-950',
    icon: (
      <svg viewBox="0 0 20 20" className="h-5 w-5 text-red-700" fill="currentColor">
        <path d="M10 1.5 3 4.2v5.1c0 4.2 2.9 8 7 9.2 4.1-1.2 7-5 7-9.2V4.2L10 1.5Zm-.9 4.5h1.8v5H9.1V6Zm.9 6.3a1.1 1.1 0 1 1 0 2.2 1.1 1.1 0 0 1 0-2.2Z" />
      </svg>
    ),
  },
};

const components: Partial<Components> = {
  h2: (props) => <h2 {...props} className="mb-3 mt-10 scroll-mt-6 text-xl font-semibold tracking-tight text-slate-900" />,
  h3: (props) => <h3 {...props} className="mb-2 mt-8 scroll-mt-6 text-lg font-semibold text-slate-900" />,
  h4: (props) => <h4 {...props} className="mb-2 mt-6 scroll-mt-6 font-semibold text-slate-900" />,
  p: (props) => <p {...props} className="my-4 leading-7" />,
  ul: (props) => <ul {...props} className={`my-4 list-disc space-y-1.5 pl-6 leading-7 marker:text-slate-400 ${classOf(props)}`} />,
  ol: (props) => <ol {...props} className="my-4 list-decimal space-y-1.5 pl-6 leading-7 marker:text-slate-500" />,
  hr: () => <hr className="my-8 border-slate-200" />,
  blockquote: (props) => <blockquote {...props} className="my-4 border-l-4 border-slate-300 pl-4 text-slate-700" />,
  table: (props) => <table {...props} className="w-full border-collapse text-left text-sm" />,
  th: (props) => <th {...props} className="border-b border-slate-300 bg-slate-50 px-3 py-2 font-semibold text-slate-900" />,
  td: (props) => <td {...props} className="border-b border-slate-100 px-3 py-2 align-top" />,
  code: (props) =>
    classOf(props).includes('code-block') ? (
      <code {...props} />
    ) : (
      <code {...props} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.875em] text-slate-800" />
    ),
  pre: (props: ComponentProps<'pre'>) => (
    <pre {...props} className={`${classOf(props)} overflow-x-auto rounded-b-lg p-4 font-mono text-[0.8125rem] leading-6`} />
  ),
  a: ({ href = '', className = '', children, ...props }) => {
    if (className.includes('heading-link')) {
      return (
        <a href={href} className="group text-inherit no-underline hover:no-underline">
          {children}
          <span aria-hidden className="ml-2 font-normal text-slate-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100">
            #
          </span>
        </a>
      );
    }
    if (className.includes('heading-anchor')) {
      return (
        <a href={href} aria-label={props['aria-label']} className="ml-2 font-normal text-slate-400 no-underline hover:text-brand-700">
          {children}
        </a>
      );
    }
    // Underlined everywhere in a guide, list items included (the Sources lists): links must not be
    // told apart by colour alone (WCAG 1.4.1).
    const underlined = 'underline decoration-brand-700/40 hover:decoration-brand-700';
    if (href.startsWith('/')) return <Link href={href} className={underlined}>{children}</Link>;
    return (
      <a href={href} {...props} className={underlined}>
        {children}
      </a>
    );
  },
  strong: (props) => <strong {...props} className="font-semibold" />,
  div: (props: ComponentProps<'div'> & { 'data-callout'?: CalloutKind; 'data-code-block'?: string; 'data-language'?: string }) => {
    const className = classOf(props);
    if (props['data-code-block'] !== undefined) {
      const language = props['data-language'] ?? 'text';
      return (
        <div data-code-block="" className="my-5 overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div className="flex items-center justify-between border-b border-slate-200 bg-slate-50 px-3 py-1">
            <span className="font-mono text-xs text-slate-500">{language === 'text' ? '' : language}</span>
            <CopyButton label={`Copy ${language === 'text' ? 'code' : `${language} code`}`} />
          </div>
          {props.children}
        </div>
      );
    }
    const kind = props['data-callout'];
    if (kind && kind in callouts) {
      const callout = callouts[kind];
      return (
        <div role="note" data-callout={kind} className={`my-6 flex gap-3 rounded-lg border-l-4 px-4 py-3 ${callout.box}`}>
          <span aria-hidden className="mt-1 shrink-0">
            {callout.icon}
          </span>
          <div className="min-w-0 [&>p:first-child]:mt-0 [&>p:last-child]:mb-0 [&_p]:my-2">{props.children}</div>
        </div>
      );
    }
    if (className.includes('table-scroll')) {
      return (
        <div {...props} className="relative my-6 overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2">
          {props.children}
        </div>
      );
    }
    return <div {...props} />;
  },
};

export function GuideArticle({ tree }: { tree: Root }) {
  return (
    <div className="max-w-3xl text-[0.9375rem] text-slate-800">
      {toJsxRuntime(tree, { Fragment, jsx, jsxs, components })}
    </div>
  );
}

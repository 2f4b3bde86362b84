import { diffLines } from 'diff';

/** A line diff of two texts, added and removed lines marked in text (+/-) as well as color. */
export function DiffLines({ before, after, className = '' }: { before: string; after: string; className?: string }) {
  return (
    <pre className={`overflow-auto rounded-md bg-slate-50 p-2 text-xs ring-1 ring-slate-200 ${className}`} aria-label="Diff">
      {diffLines(before, after).map((part, i) =>
        part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((line, j) => (
            <span key={`${i}-${j}`} className={`block ${part.added ? 'bg-emerald-100 text-emerald-900' : part.removed ? 'bg-red-100 text-red-900' : 'text-slate-600'}`}>
              {part.added ? '+ ' : part.removed ? '- ' : '  '}
              {line}
            </span>
          )),
      )}
    </pre>
  );
}

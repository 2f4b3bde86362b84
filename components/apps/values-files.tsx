'use client';

import { useId, useState } from 'react';

// Tabs over the app's values files; the HTML is highlighted on the server (shiki).
export function ValuesFiles({ files }: { files: { path: string; label: string; html: string | null }[] }) {
  const [selected, setSelected] = useState(0);
  const id = useId();
  const file = files[selected];
  return (
    <div className="mt-3">
      <div role="tablist" aria-label="Values files" className="flex flex-wrap gap-1 border-b border-slate-200">
        {files.map((f, i) => (
          <button
            key={f.path}
            role="tab"
            id={`${id}-tab-${i}`}
            aria-selected={i === selected}
            aria-controls={`${id}-panel`}
            tabIndex={i === selected ? 0 : -1}
            onClick={() => setSelected(i)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') setSelected((selected + 1) % files.length);
              if (e.key === 'ArrowLeft') setSelected((selected - 1 + files.length) % files.length);
            }}
            className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${
              i === selected ? 'border-slate-200 border-b-white bg-white font-medium text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {f.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${selected}`} className="overflow-x-auto pt-3 text-sm">
        <p className="mb-2 font-mono text-xs text-slate-500">{file.path}</p>
        {file.html === null ? (
          <p className="text-sm text-slate-600">This file does not exist yet: the chart defaults and values.yaml apply.</p>
        ) : (
          // Shiki escapes the file's text; the markup is generated on our server.
          <div className="[&_pre]:rounded-md [&_pre]:p-3" dangerouslySetInnerHTML={{ __html: file.html }} />
        )}
      </div>
    </div>
  );
}

'use client';

import dynamic from 'next/dynamic';
import type { ValuesEditorProps } from './values-editor';

// The editor (CodeMirror, Ajv, the YAML toolkit) loads only on this route, after the page shell.
const ValuesEditor = dynamic(() => import('./values-editor').then((m) => m.ValuesEditor), {
  ssr: false,
  loading: () => (
    <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
      Loading the editor…
    </p>
  ),
});

export function ValuesEditorLoader(props: ValuesEditorProps) {
  return <ValuesEditor {...props} />;
}

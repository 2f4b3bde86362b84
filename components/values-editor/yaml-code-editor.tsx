'use client';

import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import { useEffect, useRef } from 'react';
import type { ValuesProblem } from '@/lib/values';

interface YamlCodeEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** Problems in this file, from the same validation the server runs. */
  problems: ValuesProblem[];
  schema: object;
}

function toDiagnostics(problems: ValuesProblem[], doc: EditorState['doc']): Diagnostic[] {
  return problems.map((p) => {
    const lineStart = doc.line(Math.min(Math.max(p.line, 1), doc.lines)).from;
    const from = Math.min(p.from ?? lineStart + Math.max(p.column - 1, 0), doc.length);
    const to = Math.min(Math.max(p.to ?? from, from), doc.length);
    return { from, to, severity: p.severity, message: p.message, source: p.code };
  });
}

/** CodeMirror 6 with YAML, schema completion and hover, and Berth's own lint at the right lines. */
export function YamlCodeEditor({ value, onChange, problems, schema }: YamlCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const problemsRef = useRef(problems);
  const onChangeRef = useRef(onChange);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          hoverTooltip(yamlSchemaHover()),
          stateExtensions(schema as Parameters<typeof stateExtensions>[0]),
          lintGutter(),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'Values YAML' }),
          EditorView.theme({ '&': { fontSize: '13px' }, '.cm-scroller': { fontFamily: 'var(--font-mono)', minHeight: '24rem', maxHeight: '70vh' } }),
        ],
      }),
    });
    view.current = editor;
    editor.dispatch(setDiagnostics(editor.state, toDiagnostics(problemsRef.current, editor.state.doc)));
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later value changes are applied below without recreating it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema]);

  // Edits from the form (or a conflict reset) replace the document.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  // Berth's own validation is the linter: push its problems whenever they change (a CodeMirror
  // linter() would run on its own schedule and could miss an update that arrives after it ran).
  useEffect(() => {
    problemsRef.current = problems;
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, toDiagnostics(problems, editor.state.doc)));
  }, [problems]);

  return <div ref={host} className="overflow-hidden rounded-md ring-1 ring-slate-300" data-testid="yaml-editor" />;
}

// The form side of the values editor: reads the few fields the form shows and writes form edits
// back into the YAML text, keeping comments, key order and quotes. Isomorphic.
//
// A changed value (an image tag, a replica count, a variable) is written over the old one in the
// text itself, so the commit's diff — what a reviewer approves — is that one value and nothing
// else: re-serializing the document would also re-align comments, respace flow lists, re-fold
// folded strings and re-indent nested maps on untouched lines. Adding or removing keys goes
// through the yaml Document (setIn/deleteIn), never through a re-serialized object: Kubeapps lost
// users' comments that way (#3536). Either way, strings that YAML 1.1 would read as something else
// ("true", "on", "0123", "1e3", "~") come out quoted: values are rendered with the same 1.1 schema
// Helm reads with. The result is read back and must equal the old values with the edits applied.
import { Document, isCollection, isNode, isPair, isScalar, Scalar, type Node } from 'yaml';
import { HELM_YAML_OPTIONS } from './helm-yaml-options';
import { sameValue } from './list-leaves';
import { isValuesMap } from './merge';
import { parseValues } from './parse-values';
import { problemAtFileStart } from './problem-at';
import type { ValuesKeyPath, ValuesMap, ValuesProblem } from './types';
import { formatValuesPath, getValueAt } from './values-path';

export type EditValuesResult = { ok: true; text: string } | { ok: false; problems: ValuesProblem[] };

export type ValuesEdit =
  /** `value: null` writes `key: null`, which deletes what lower layers set (Helm's rule). */
  | { op: 'set'; path: ValuesKeyPath; value: unknown }
  /** Removes the key from this file, so the lower layers' value applies again. */
  | { op: 'delete'; path: ValuesKeyPath };

export interface EditOptions {
  /** Repository path, for problems. */
  file?: string;
}

/** How the file indents, so untouched lines keep their look. */
function detectLayout(text: string): { indent: number; indentSeq: boolean } {
  const indents = [...text.matchAll(/^( +)[^ \s#]/gm)].map((m) => m[1].length);
  const indent = indents.length > 0 ? Math.max(1, Math.min(...indents)) : 2;
  // `key:` followed by `- item` at the same indentation: the file does not indent lists.
  const indentSeq = !/^( *)[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\r?\n\1- /m.test(text);
  return { indent: Math.min(indent, 8), indentSeq };
}

function isScalarValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function applyOne(doc: Document, edit: ValuesEdit): void {
  if (edit.op === 'delete') {
    // Deleting what the file does not set leaves it as it is.
    if (!doc.hasIn(edit.path)) return;
    const parent = edit.path.length > 1 ? doc.getIn(edit.path.slice(0, -1), true) : doc.contents;
    const firstBefore = isCollection(parent) ? parent.items[0] : undefined;
    doc.deleteIn(edit.path);
    // The blank line that separated the next entry from the deleted first one would now follow
    // its parent's key as a line of indentation only.
    if (isCollection(parent) && parent.items[0] !== firstBefore) {
      const first = parent.items[0];
      const node = isPair(first) ? first.key : first;
      if (isNode(node)) node.spaceBefore = false;
    }
    return;
  }
  const current = doc.getIn(edit.path, true) as Node | undefined;
  if (isScalar(current) && isScalarValue(edit.value)) {
    // Changing the scalar in place keeps its comment; a tag like !!str would change the new value's type.
    current.value = edit.value;
    current.tag = undefined;
    if (typeof edit.value !== 'string') current.type = undefined;
    return;
  }
  doc.setIn(edit.path, doc.createNode(edit.value));
}

const SPLICEABLE_STYLES: ReadonlySet<unknown> = new Set([Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE]);

/** A scalar as one line of YAML 1.1, in the old value's quote style when it is still a string. */
function renderScalar(value: unknown, style: unknown): string | null {
  const holder = new Document(null, HELM_YAML_OPTIONS);
  const node = holder.createNode(value);
  if (!isScalar(node)) return null;
  if (typeof value === 'string' && (style === Scalar.QUOTE_DOUBLE || style === Scalar.QUOTE_SINGLE)) node.type = style;
  holder.contents = node;
  const rendered = holder.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return rendered.includes('\n') || rendered.startsWith('%') ? null : rendered;
}

/**
 * Writes scalar-over-scalar edits into the text where the old values stand. Null when any edit
 * needs the document instead (a new or removed key, a list or map, a block or tagged scalar, an
 * anchor other nodes refer to, two edits of one value).
 */
function spliceScalarEdits(text: string, doc: Document, edits: readonly ValuesEdit[]): string | null {
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const edit of edits) {
    if (edit.op !== 'set' || !isScalarValue(edit.value)) return null;
    const node = doc.getIn(edit.path, true);
    if (!isScalar(node) || !node.range || node.tag || node.anchor || !SPLICEABLE_STYLES.has(node.type)) return null;
    const rendered = renderScalar(edit.value, node.type);
    if (rendered === null) return null;
    replacements.push({ start: node.range[0], end: node.range[1], text: rendered });
  }
  if (new Set(replacements.map((r) => r.start)).size !== replacements.length) return null;
  let out = text;
  for (const r of replacements.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

/** The values the edits should give: `value` with each edit applied, on a copy. */
function expectedValues(value: ValuesMap, edits: readonly ValuesEdit[]): unknown {
  const root: unknown = structuredClone(value);
  for (const edit of edits) {
    let parent: unknown = root;
    for (const segment of edit.path.slice(0, -1)) {
      const container = parent as Record<string | number, unknown>;
      if (container[segment] === undefined || container[segment] === null) {
        if (edit.op === 'delete') break;
        container[segment] = {};
      }
      parent = container[segment];
    }
    if (typeof parent !== 'object' || parent === null) continue;
    const last = edit.path[edit.path.length - 1];
    if (edit.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Record<string, unknown>)[String(last)];
    } else {
      (parent as Record<string | number, unknown>)[last] = structuredClone(edit.value);
    }
  }
  return root;
}

function editFailed(file: string, message: string): EditValuesResult {
  return { ok: false, problems: [problemAtFileStart(file, { code: 'edit-failed', severity: 'error', message })] };
}

/** Applies edits in order and returns the new text; the text must parse first. */
export function applyValuesEdits(text: string, edits: readonly ValuesEdit[], options: EditOptions = {}): EditValuesResult {
  const file = options.file ?? 'values.yaml';
  const parsed = parseValues(text, { file });
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { doc } = parsed;
  let out = spliceScalarEdits(text, doc, edits);
  if (out === null) {
    for (const edit of edits) {
      try {
        applyOne(doc, edit);
      } catch {
        const container = formatValuesPath(edit.path.slice(0, -1));
        return editFailed(file, `cannot change ${formatValuesPath(edit.path)}: ${container || 'the top level'} is not a map or list in this file`);
      }
    }
    out = doc.toString({ lineWidth: 0, ...detectLayout(text) });
    if (text.includes('\r\n')) out = out.replace(/\r?\n/g, '\r\n');
    if (text.charCodeAt(0) === 0xfeff) out = `\uFEFF${out}`;
  }

  // Read the result back as Helm will: the edit must mean exactly what the form asked for, and
  // nothing else may have moved.
  const check = parseValues(out, { file });
  if (!check.ok) return { ok: false, problems: check.problems };
  for (const [index, edit] of edits.entries()) {
    // A later edit of the same path or of a map above it decides instead.
    if (edits.slice(index + 1).some((later) => startsWith(edit.path, later.path))) continue;
    const expected = edit.op === 'delete' ? undefined : edit.value;
    if (!sameValue(getValueAt(check.value, edit.path), expected)) {
      return editFailed(file, `writing ${formatValuesPath(edit.path)} did not give the value asked for; edit the YAML directly`);
    }
  }
  if (!sameValue(check.value, expectedValues(parsed.value, edits))) {
    return editFailed(file, 'this edit would also change other values in the file; edit the YAML directly');
  }
  return { ok: true, text: out };
}

function startsWith(path: ValuesKeyPath, prefix: ValuesKeyPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

export function setValueInText(text: string, path: ValuesKeyPath, value: unknown, options?: EditOptions): EditValuesResult {
  return applyValuesEdits(text, [{ op: 'set', path, value }], options);
}

export function deleteValueInText(text: string, path: ValuesKeyPath, options?: EditOptions): EditValuesResult {
  return applyValuesEdits(text, [{ op: 'delete', path }], options);
}

/** The fields the form shows. Read them from the merged values to show what will run. */
export interface FormFields {
  imageTag: string | null;
  deployments: { name: string; replicas: number | null }[];
  env: { name: string; value: string }[];
}

export const IMAGE_TAG_PATH = ['image', 'tag'] as const;
export const replicasPath = (deployment: string) => ['deployments', deployment, 'replicas'] as const;
export const envPath = (name: string) => ['env', name] as const;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function readFormFields(value: ValuesMap): FormFields {
  const tag = getValueAt(value, IMAGE_TAG_PATH);
  const deployments = isValuesMap(value.deployments) ? value.deployments : {};
  const env = isValuesMap(value.env) ? value.env : {};
  return {
    imageTag: tag === undefined || tag === null ? null : asText(tag),
    deployments: Object.entries(deployments)
      .filter(([, spec]) => isValuesMap(spec))
      .map(([name, spec]) => {
        const replicas = (spec as ValuesMap).replicas;
        return { name, replicas: typeof replicas === 'number' ? replicas : null };
      }),
    env: Object.entries(env)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([name, v]) => ({ name, value: asText(v) })),
  };
}

export interface FormFieldsChange {
  /** What the form showed (readFormFields of the merged values). */
  before: FormFields;
  /** What the user submitted. */
  after: FormFields;
  /** Merged values of the layers below the file being edited: a removed env var they set needs `null`. */
  lower?: ValuesMap;
}

/** The edits that turn `before` into `after` in the file being edited. */
export function formFieldEdits(change: FormFieldsChange): ValuesEdit[] {
  const { before, after, lower = {} } = change;
  const edits: ValuesEdit[] = [];
  if (after.imageTag !== before.imageTag) {
    edits.push(after.imageTag === null ? { op: 'delete', path: IMAGE_TAG_PATH } : { op: 'set', path: IMAGE_TAG_PATH, value: after.imageTag });
  }
  const replicasBefore = new Map(before.deployments.map((d) => [d.name, d.replicas]));
  for (const deployment of after.deployments) {
    if (replicasBefore.get(deployment.name) === deployment.replicas) continue;
    const path = replicasPath(deployment.name);
    edits.push(deployment.replicas === null ? { op: 'delete', path } : { op: 'set', path, value: deployment.replicas });
  }
  const envBefore = new Map(before.env.map((e) => [e.name, e.value]));
  const envAfter = new Map(after.env.map((e) => [e.name, e.value]));
  for (const [name, value] of envAfter) {
    if (envBefore.get(name) !== value) edits.push({ op: 'set', path: envPath(name), value });
  }
  for (const name of envBefore.keys()) {
    if (envAfter.has(name)) continue;
    const fromBelow = getValueAt(lower, envPath(name));
    edits.push(fromBelow === undefined || fromBelow === null ? { op: 'delete', path: envPath(name) } : { op: 'set', path: envPath(name), value: null });
  }
  return edits;
}

/** Writes a form submission into the file's text. */
export function applyFormFields(text: string, change: FormFieldsChange, options?: EditOptions): EditValuesResult {
  return applyValuesEdits(text, formFieldEdits(change), options);
}

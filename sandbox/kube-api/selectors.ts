// Label and field selectors with the grammar and semantics of k8s.io/apimachinery:
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`; fields `f=v`, `f==v`, `f!=v`.
import { badRequest } from './api-errors';
import type { KubeObject, LabelSelector } from './kube-types';
import type { ResourceName } from './resources';

export type LabelOperator = 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

type Token = { kind: 'id'; text: string } | { kind: 'op'; text: string } | { kind: 'end' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const special = '=!(),<>';
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (special.includes(ch)) {
      const two = text.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: ch });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < text.length && !special.includes(text[j]) && !/\s/.test(text[j])) j++;
    tokens.push({ kind: 'id', text: text.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

function describe(token: Token): string {
  return token.kind === 'end' ? '' : token.text;
}

export function parseLabelSelector(text: string | undefined | null): LabelRequirement[] {
  if (!text || !text.trim()) return [];
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];
  const fail = (found: Token, expected: string): never => {
    throw badRequest(`unable to parse requirement: found '${describe(found)}', expected: ${expected}`);
  };
  const requirements: LabelRequirement[] = [];
  for (;;) {
    let token = take();
    if (token.kind === 'op' && token.text === '!') {
      const key = take();
      if (key.kind !== 'id') fail(key, 'identifier after \'!\'');
      requirements.push({ key: (key as { text: string }).text, operator: '!exists', values: [] });
    } else if (token.kind === 'id') {
      const key = token.text;
      const next = peek();
      if (next.kind === 'end' || (next.kind === 'op' && next.text === ',')) {
        requirements.push({ key, operator: 'exists', values: [] });
      } else if (next.kind === 'op' && ['=', '==', '!=', '>', '<'].includes(next.text)) {
        take();
        const value = peek();
        let valueText = '';
        if (value.kind === 'id') {
          take();
          valueText = value.text;
        } else if (!(value.kind === 'end' || (value.kind === 'op' && value.text === ','))) {
          fail(value, 'identifier');
        }
        const operator: LabelOperator = next.text === '!=' ? '!=' : next.text === '>' ? 'gt' : next.text === '<' ? 'lt' : '=';
        if ((operator === 'gt' || operator === 'lt') && !/^-?\d+$/.test(valueText)) {
          throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        requirements.push({ key, operator, values: [valueText] });
      } else if (next.kind === 'id' && (next.text === 'in' || next.text === 'notin')) {
        take();
        const open = take();
        if (!(open.kind === 'op' && open.text === '(')) fail(open, '\'(\'');
        const values: string[] = [];
        let expectValue = true;
        for (;;) {
          token = take();
          if (token.kind === 'op' && token.text === ')') {
            if (expectValue && values.length > 0) values.push('');
            break;
          }
          if (token.kind === 'op' && token.text === ',') {
            if (expectValue) values.push('');
            expectValue = true;
            continue;
          }
          if (token.kind !== 'id') fail(token, '\')\'');
          values.push((token as { text: string }).text);
          expectValue = false;
        }
        if (values.length === 0) throw badRequest(`unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`);
        requirements.push({ key, operator: next.text === 'in' ? 'in' : 'notin', values });
      } else {
        fail(next, '\'=\', \'!=\', \'==\', \'in\', notin\'');
      }
    } else {
      fail(token, 'identifier');
    }
    const separator = take();
    if (separator.kind === 'end') break;
    if (!(separator.kind === 'op' && separator.text === ',')) fail(separator, '\',\'');
  }
  return requirements;
}

export function matchesLabelRequirements(requirements: readonly LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const all = labels ?? {};
  for (const r of requirements) {
    const has = Object.prototype.hasOwnProperty.call(all, r.key);
    const value = all[r.key];
    switch (r.operator) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case '=':
        if (!has || value !== r.values[0]) return false;
        break;
      case '!=':
        if (has && value === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(value)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(value)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value)) return false;
        const n = Number(value);
        const bound = Number(r.values[0]);
        if (r.operator === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** metav1.LabelSelector → requirements (matchLabels first, then expressions). */
export function labelSelectorRequirements(selector: LabelSelector | undefined): LabelRequirement[] {
  const out: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) out.push({ key, operator: '=', values: [value] });
  for (const e of selector?.matchExpressions ?? []) {
    const operator: LabelOperator = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!exists';
    out.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return out;
}

export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return matchesLabelRequirements(labelSelectorRequirements(selector), labels);
}

/** The string form kubectl shows in the SELECTOR column: requirements sorted by key. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const requirements = labelSelectorRequirements(selector).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (requirements.length === 0) return '<none>';
  return requirements
    .map((r) => {
      switch (r.operator) {
        case '=':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'exists':
          return r.key;
        case '!exists':
          return `!${r.key}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
        default:
          return `${r.key}${r.operator === 'gt' ? '>' : '<'}${r.values[0]}`;
      }
    })
    .join(',');
}

// ---- field selectors ----------------------------------------------------------------------

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

export function parseFieldSelector(text: string | undefined | null): FieldRequirement[] {
  if (!text || !text.trim()) return [];
  const out: FieldRequirement[] = [];
  for (const term of splitUnescaped(text, ',')) {
    if (!term) continue;
    let match: RegExpMatchArray | null = null;
    for (const op of ['!=', '==', '=']) {
      const index = term.indexOf(op);
      if (index > 0) {
        match = [term, term.slice(0, index), op, term.slice(index + op.length)];
        break;
      }
    }
    if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    out.push({ field: match[1].trim(), operator: match[2] === '!=' ? '!=' : '=', value: unescapeFieldValue(match[3]) });
  }
  return out;
}

type FieldGetter = (object: KubeObject) => string | undefined;

const metadataFields: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

function path(object: KubeObject, dotted: string): string | undefined {
  let current: unknown = object;
  for (const part of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return '';
  return String(current);
}

function fields(names: string[]): Record<string, FieldGetter> {
  const out: Record<string, FieldGetter> = { ...metadataFields };
  for (const name of names) out[name] = (o) => path(o, name);
  return out;
}

/** The field labels each resource supports, as registered in the real API server. */
const FIELD_GETTERS: Record<ResourceName, Record<string, FieldGetter>> = {
  pods: {
    ...fields(['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName']),
    'spec.hostNetwork': (o) => String(((o as { spec?: { hostNetwork?: boolean } }).spec?.hostNetwork) ?? false),
  },
  events: fields([
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'type',
  ]),
  namespaces: fields(['status.phase']),
  replicasets: fields(['status.replicas']),
  deployments: fields([]),
  poddisruptionbudgets: fields([]),
};
FIELD_GETTERS.events.source = (o) => (o as { source?: { component?: string } }).source?.component ?? '';

/** Throws a 400 for a field label the resource does not support, as the real API does. */
export function validateFieldSelector(resource: ResourceName, requirements: readonly FieldRequirement[]): void {
  for (const r of requirements) {
    if (!FIELD_GETTERS[resource][r.field]) throw badRequest(`field label not supported: ${r.field}`);
  }
}

export function matchesFieldRequirements(resource: ResourceName, requirements: readonly FieldRequirement[], object: KubeObject): boolean {
  for (const r of requirements) {
    const getter = FIELD_GETTERS[resource][r.field];
    const value = getter ? (getter(object) ?? '') : '';
    if (r.operator === '=' ? value !== r.value : value === r.value) return false;
  }
  return true;
}
